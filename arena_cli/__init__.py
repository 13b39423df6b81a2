"""The `arena` command line: above the Dagster code location, it launches its jobs and reads the warehouse."""
