"""Train-evaluate engine: fixed protocols, TRL fine-tuning, lm-eval benchmarks, results in the lake.

The arena measures a dataset by holding everything else fixed: a protocol (base model, template,
hyper-parameters, benchmark suite) is trained on the dataset and evaluated; the dataset is the only
variable. Modules: `protocols` (the fixed configurations and run identity), `models` (offline model
resolution), `data` (samples -> chat records), `trainer` (TRL SFT with resume), `evaluation` (lm-eval
local tasks, sandboxed code execution, results tables).
"""
