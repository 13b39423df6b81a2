"""Partitions shared by every per-dataset asset.

One dynamic partition per catalogued dataset id; the `dataset_catalog` asset registers them from
the catalogs it is configured with, so a dataset added to a catalog YAML appears in the UI after one
materialization of the catalog.
"""
import dagster as dg

dataset_partitions = dg.DynamicPartitionsDefinition(name="dataset")
