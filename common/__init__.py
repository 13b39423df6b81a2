"""Low-level pieces shared by the arena's packages (model cache, LLM endpoint client).

Nothing here imports another project package except `warehouse.paths`, so scoring, training and
lineage can all depend on `common` without depending on each other.
"""
