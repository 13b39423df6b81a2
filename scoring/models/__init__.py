"""Model-based scorers. Nothing here imports torch at module level: models load in `setup()`."""
