"""Software-defined assets, one module per pillar of the arena."""
