"""LLM-as-judge through any OpenAI-compatible endpoint: rubrics, prompt building, output validation,
a response cache, and a bounded, retrying async runner."""
