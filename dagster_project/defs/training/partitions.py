"""Train-evaluate partitions: (dataset, protocol key) pairs, protocols read from training/protocols/*.yaml.

A training partition's protocol is a protocol or one of its seed replicas (`<name>@seed<k>`, see
training.protocols), so repeating a run over seeds is launching more partitions; baselines are
untrained, so they are evaluated once per protocol.
"""
import dagster as dg

from dagster_project.defs.ingest.partitions import dataset_partitions
from training.protocols import list_protocols, protocol_keys

protocol_partitions = dg.StaticPartitionsDefinition(list_protocols())
seeded_protocol_partitions = dg.StaticPartitionsDefinition(protocol_keys())
training_partitions = dg.MultiPartitionsDefinition({"dataset": dataset_partitions,
                                                    "protocol": seeded_protocol_partitions})
