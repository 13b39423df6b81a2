"""Controlled experiments under a fixed protocol: score-based selection and dataset mixtures.

An experiment's arms are derived datasets (lake `samples` partitions built from existing datasets), so
the ordinary train-evaluate partitions train and evaluate them unchanged; `arms.py` records the
definition and the arms, `gains.py` compares the arms' benchmark items with a paired bootstrap.
"""
