"""Train-evaluate partitions: (dataset, protocol) pairs, protocols read from training/protocols/*.yaml."""
import dagster as dg

from dagster_project.defs.ingest.partitions import dataset_partitions
from training.protocols import list_protocols

protocol_partitions = dg.StaticPartitionsDefinition(list_protocols())
training_partitions = dg.MultiPartitionsDefinition({"dataset": dataset_partitions, "protocol": protocol_partitions})
