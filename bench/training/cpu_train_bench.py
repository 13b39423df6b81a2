"""Training throughput and peak memory on this machine: float32 vs bf16 (autocast over float32 master
weights, where the CPU has native bf16), padding vs packing; same data, same model. Baseline: float32
with padding, what the CPU protocols ran before bf16.

Each configuration trains in its own child process (`python -m training.trainer`), so its peak
resident memory (ru_maxrss of the child) is its own. Tokens/s counts real (non-padding) tokens seen
per second of the optimisation loop, so padding's wasted compute shows as a lower rate.

    python bench/training/cpu_train_bench.py                       # tiny random model (seconds)
    python bench/training/cpu_train_bench.py --model smollm2 --samples 64   # SmolLM2-135M (minutes)

Prints a markdown table; `--json FILE` also writes the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.protocols import load_protocol, protocol_from_dict  # noqa: E402
from warehouse.paths import ArenaPaths  # noqa: E402
from training.runner import REPO_ROOT, child_env, train_command  # noqa: E402
from training.trainer import read_result, write_run_input  # noqa: E402

MODELS = {"tiny": "tiny_random", "smollm2": "smollm2_135m_demo"}
BASELINE = "fp32_padding"
CONFIGS = {BASELINE: {"precision": "fp32", "packing": False},
           "bf16_padding": {"precision": "bf16", "packing": False},
           "bf16_packing": {"precision": "bf16", "packing": True}}


def conversations(n: int) -> list[list[dict]]:
    """Arithmetic dialogues of varied length (1-4 steps), so padding has something to waste."""
    out = []
    for i in range(n):
        steps = [f"Step {k + 1}: {i + k} + {k + 3} = {i + 2 * k + 3}." for k in range(1 + i % 4)]
        out.append([{"role": "user", "content": f"Add the numbers step by step, case {i}."},
                    {"role": "assistant", "content": "\n".join(steps) + f"\n#### {i}"}])
    return out


def run_config(base: dict, name: str, overrides: dict, convs: list, home: Path, tag: str) -> dict:
    proto = protocol_from_dict(base | overrides | {"name": f"bench_{name}"})
    run_dir = home / "runs" / f"{name}-{tag}"
    write_run_input(run_dir, run_id=name, dataset_id="bench", protocol=proto, conversations=convs,
                    arena_home=str(home))
    # a fresh wrapper process per configuration: its RUSAGE_CHILDREN peak is this training's alone
    wrapper = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
               "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", wrapper, *train_command(run_dir, 1)], cwd=REPO_ROOT,
                          env=child_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    peak_kb = int(proc.stdout.rsplit("PEAK_KB", 1)[1].split()[0])
    r = read_result(run_dir)
    return {"config": name, "steps": r.steps, "tokens": r.tokens_seen, "train_s": r.train_runtime_s,
            "tokens_per_s": round(r.tokens_seen / r.train_runtime_s, 1) if r.train_runtime_s else None,
            "peak_rss_mb": round(peak_kb / 1024, 1)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=sorted(MODELS), default="tiny")
    ap.add_argument("--samples", type=int, default=64)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--repeats", type=int, default=3, help="interleaved repeats per configuration (median kept)")
    args = ap.parse_args()
    base = load_protocol(MODELS[args.model]).identity()
    base |= {"epochs": 1, "sample_cap": None, "save_steps": 10_000, "max_steps": -1, "warmup_ratio": 0.0}
    convs = conversations(args.samples)
    home = ArenaPaths.from_env().home
    with tempfile.TemporaryDirectory(prefix="arena-bench-") as tmp:
        scratch = Path(tmp)
        # the model cache is shared with the real arena home (conversion happens once)
        (home / "cache").mkdir(parents=True, exist_ok=True)
        (scratch / "cache").symlink_to(home / "cache", target_is_directory=True)
        runs: dict[str, list[dict]] = {name: [] for name in CONFIGS}
        for rep in range(args.repeats):      # interleaved, so load from other users hits all alike
            for name, over in CONFIGS.items():
                runs[name].append(run_config(base, name, over, convs, scratch, f"rep{rep}"))
        rows = []
        for name, reps in runs.items():     # the median repeat by throughput
            reps.sort(key=lambda r: r["tokens_per_s"] or 0)
            rows.append(reps[len(reps) // 2] | {"repeats": [r["tokens_per_s"] for r in reps]})
    cpu = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (the CPU is shared)")
    print(f"model: {base['base_model']}  samples: {args.samples}  cutoff: {base['cutoff_len']}  "
          f"per-device batch: {base['per_device_batch']}  machine: {cpu}\n")
    print("| config | steps | tokens | train s | tokens/s (median) | all repeats | peak RSS MB |\n"
          "|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['config']} | {r['steps']} | {r['tokens']} | {r['train_s']} | {r['tokens_per_s']} | "
              f"{r['repeats']} | {r['peak_rss_mb']} |")
    from training.models import cpu_has_native_bf16

    print(f"\nnative bf16 on this CPU: {'yes' if cpu_has_native_bf16() else 'no (bf16 configs ran in float32)'}")
    base_rate = next(r for r in rows if r["config"] == BASELINE)["tokens_per_s"]
    for r in rows:
        if r["config"] != BASELINE and base_rate and r["tokens_per_s"]:
            print(f"{r['config']} vs {BASELINE} (baseline): {r['tokens_per_s'] / base_rate:.2f}x tokens/s")
    if args.json:
        args.json.write_text(json.dumps({"machine": cpu, "model": base["base_model"], "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
