"""Scoring tests run offline: no Hub access, converted models cached once per checkout."""
import scoring_fixtures  # noqa: F401  (sets the offline environment on import)
