"""`arena experiment select|mix|demo`: launch an experiment's jobs and print its gains.

The command only launches the code location's jobs: `experiment_datasets` writes the arms as derived
datasets, `train_evaluate` trains and evaluates each arm (times each seed replica, with the protocol's
base-model baseline), `experiment_gains` compares them, and `warehouse` builds the marts
(`fct_experiments`, `fct_selection_experiments`, `fct_mixture_experiments`).

`arena experiment demo` runs the demo's selection case, whose answer is known in advance:
demo_math_noisy has wrong arithmetic in 60% of its solutions, and `a_arithmetic_correct` (the
arithmetic_check scorer) recomputes every stated calculation, so its top quarter is all correct
solutions and a random quarter about 40% correct; training on the top must beat training on random.
"""
from __future__ import annotations

from arena_cli.environment import ensure_dbt_manifest, setup_environment
from arena_cli.materialize import train_evaluate
from arena_cli.runs import failure_messages, release_dead_runs, run_job, terminal

DEMO_SELECTION = {"kind": "select", "dataset": "demo_math_noisy", "scorer": "a_arithmetic_correct", "keep": "25%"}
# what must come out of the demo case: (arm, versus) pairs whose gain's 95% interval is above 0
DEMO_SELECTION_TRUTH = [("top", "random"), ("top", "bottom")]


def _print_gains(console, rows: list[dict]) -> None:
    console.print("| arm | versus | benchmark | metric | arm | versus | gain | 95% CI | seeds |")
    console.print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        console.print(f"| {r['arm']} | {r['versus']} | {r['benchmark']} | {r['metric']} | {r['arm_mean']:.3f} | "
                      f"{r['versus_mean']:.3f} | {r['gain']:+.3f} | [{r['ci_low']:+.3f}, {r['ci_high']:+.3f}] | "
                      f"{r['arm_seeds']}/{r['versus_seeds']} |", markup=False)


def run_experiment(config: dict, build_warehouse: bool = True) -> tuple[int, list[dict]]:
    """Write the arms, train and evaluate them, compute the gains, build the warehouse. Returns the
    exit status and the gain rows."""
    from dagster_project.defs.experiments.assets import ExperimentConfig, experiment_of
    from training.experiments.arms import read_arms
    from warehouse.lake import read_partition
    from warehouse.paths import ArenaPaths

    console = terminal()
    try:
        exp = experiment_of(ExperimentConfig(**config))
    except ValueError as e:
        console.print(f"[red]experiment[/red]: {e}")
        return 2, []
    setup_environment()
    ensure_dbt_manifest()
    for run_id in release_dead_runs():
        console.print(f"released run {run_id[:8]}: its process died before it finished")
    result = run_job("experiment_arms", run_config={"ops": {"experiment_datasets": {"config": config}}})
    if not result.success:
        for m in failure_messages(result):
            console.print(f"[red]experiment_datasets failed[/red]: {m}")
        return 1, []
    paths = ArenaPaths.from_env()
    arms = read_arms(paths, exp.experiment_id)
    console.print(f"experiment {exp.experiment_id}: " + ", ".join(
        f"{a['arm']} ({a['n_samples']} samples, ~{a['approx_tokens']:,} tokens)" for a in arms))
    failures = train_evaluate(exp.protocol, [a["dataset_id"] for a in arms], console, exp.seeds)[0]
    for key, messages in failures.items():
        console.print(f"[red]FAILED {key}[/red]: " + " | ".join(messages))
    if failures:
        return 1, []
    result = run_job("experiment_compare",
                     run_config={"ops": {"experiment_gains": {"config": {"experiment_id": exp.experiment_id}}}})
    if not result.success:
        for m in failure_messages(result):
            console.print(f"[red]experiment_gains failed[/red]: {m}")
        return 1, []
    rows = read_partition(paths, "experiment_gains", exp.experiment_id).to_pylist()
    _print_gains(console, rows)
    if build_warehouse:
        console.print("[bold]dbt build[/bold] and snapshot publish ...")
        result = run_job("warehouse")
        if not result.success:
            for m in failure_messages(result):
                console.print(f"[red]warehouse failed[/red]: {m}")
            return 1, rows
    return 0, rows


def demo_selection(protocol: str, seeds: int, build_warehouse: bool = True, seed: int = 0) -> int:
    """The demo's selection case under `protocol`, checked against its known answer on the demo's
    primary measure (exit 1 when top does not beat random and bottom)."""
    from demo.arena import PRIMARY_MEASURE

    status, rows = run_experiment(DEMO_SELECTION | {"protocol": protocol, "seeds": seeds, "seed": seed,
                                                    "measure": ":".join(PRIMARY_MEASURE)}, build_warehouse)
    if status != 0:
        return status
    console = terminal()
    primary = {(r["arm"], r["versus"]): r for r in rows if (r["benchmark"], r["metric"]) == PRIMARY_MEASURE}
    ok = True
    for arm, versus in DEMO_SELECTION_TRUTH:
        r = primary.get((arm, versus))
        beat = r is not None and r["ci_low"] > 0
        ok &= beat
        console.print(f"known answer: {arm} beats {versus} on {PRIMARY_MEASURE[0]} {PRIMARY_MEASURE[1]} "
                      f"(95% CI above 0): {'yes' if beat else 'NO'}")
    return 0 if ok else 1
