"""Helpers for the model-based scorers' tests."""
import math

import torch

from scoring.batch import SampleBatch
from scoring.textstats import TextStats

REPEAT_Q = "Repeat exactly: violet ocean marble thunder seven."
REPEAT_A = "violet ocean marble thunder seven."


def score(scorer, rows):
    batch = SampleBatch.from_rows(rows)
    return scorer.score(batch, TextStats(batch))


def manual_ppl(scorer, prefix, target):
    ids = torch.tensor([prefix + target])
    labels = torch.tensor([[-100] * len(prefix) + target])
    with torch.inference_mode():
        loss = scorer.model(input_ids=ids, labels=labels).loss
    return math.exp(float(loss))
