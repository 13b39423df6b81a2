"""Run every benchmark of the arena in turn (`make bench`); each writes its own results file.

The benchmarks are separate scripts because each measures in its own child processes; see each
folder's results file for the figures and the machine they were measured on.
"""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ["bench/ingest/bench_ingest.py", "--out", "bench/ingest/results.md"],
    ["bench/scoring/bench_scoring.py"],
    ["bench/lineage/bench_scans.py"],
    ["bench/training/cpu_train_bench.py"],
    ["bench/distributed/bench_ray.py"],
    ["-m", "bench.analytics"],
]


def main() -> int:
    failed = []
    for args in BENCHES:
        print(f"== {' '.join(args)}", flush=True)
        if subprocess.call([sys.executable, *args], cwd=HERE.parent) != 0:
            failed.append(args[0] if args[0] != "-m" else args[1])
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
