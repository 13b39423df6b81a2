"""Domain classification of samples: which subject a sample is about (general, math, code, science,
knowledge, tool use), from its MiniLM embedding, with a keyword baseline measured beside it.

- `labels`: the domain classes, how a catalog's declared domain maps onto them, and which labelled
  sources are near-copies of each other (held out together when evaluating).
- `keywords`: the keyword baseline.
- `model`: multinomial logistic regression on embeddings (numpy + scipy), saved as a small JSON file
  with its provenance.
- `evaluation`: leave-one-source-family-out accuracy and macro-F1.
- `runner`: texts of lake samples, training from lake partitions, one partition's `sample_domains`.
"""
