"""The Dagster code location of DataArena: assets, resources, jobs and the `arena` CLI."""
