"""Clients and caches every library package shares: the OpenAI-compatible client and local model loading."""
