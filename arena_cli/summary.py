"""The few lines `arena demo` ends with: what was built, the planted ordering, contamination, where to look next."""
from __future__ import annotations

from arena_cli.runs import terminal


def demo_summary(protocol: str | None, seconds: float) -> None:
    """What the demo produced, in a few lines: datasets and rejects, the planted ordering with its
    intervals, contamination found, the published leaderboard, and where to look next."""
    import duckdb

    from warehouse.paths import ArenaPaths
    from warehouse.serving import current_snapshot

    console = terminal()
    paths = ArenaPaths.from_env()
    snapshot = current_snapshot(paths.serving)
    if snapshot is None:
        return
    con = duckdb.connect(str(snapshot), read_only=True)
    n, samples, rejects = con.execute("""select count(*), sum(samples), sum(rejected_records) from dim_datasets
                                         where is_ingested and list_contains(catalogs, 'demo')""").fetchone()
    console.print(f"\n[bold]DataArena demo[/bold] done in {seconds / 60:.1f} min: {n} datasets, {samples or 0:,} samples, "
                  f"{rejects or 0:,} records rejected (each with its reason in stg_arena__rejects)")
    if protocol:
        from demo.arena import PRIMARY_MEASURE, ground_truth
        from training.evaluation.dataset_gaps import dataset_gaps

        try:
            rows = dataset_gaps(paths, protocol, [tuple(p) for p in ground_truth()["better_than"]], [PRIMARY_MEASURE])
        except Exception as e:  # a missing run is reported, not fatal: the warehouse is built
            console.print(f"planted ordering: not available ({e})")
        else:
            for r in rows:
                verdict = "[green]recovered[/green]" if r["recovered"] else "[red]not recovered[/red]"
                console.print(f"planted {r['better']} > {r['worse']} on final-step accuracy: {r['better_mean']:.3f} vs "
                              f"{r['worse_mean']:.3f}, gap {r['gap']:+.3f} [95% CI {r['ci95'][0]:+.3f}, "
                              f"{r['ci95'][1]:+.3f}], {verdict}")
    for experiment, comparison, gain, low, high in _selection_rows(con):
        console.print(f"selection {experiment}: {comparison} {gain:+.1f} points [95% CI {low:+.1f}, {high:+.1f}]")
    for dataset, bench, items in con.execute("""select dataset_id, benchmark_id, contaminated_items
                                                 from fct_contamination_summary where is_contaminated
                                                 order by contaminated_items desc""").fetchall():
        console.print(f"contamination: {dataset} holds {items} items of {bench}")
    for setup, datasets in con.execute("""select setup_label, count(*) filter (where model_role = 'finetuned')
                                          from fct_leaderboard where source like 'published:%'
                                          group by setup_label order by setup_label""").fetchall():
        console.print(f"leaderboard: {setup}, {datasets} datasets")
    con.close()
    console.print(f"next: the dashboard (arena app), `arena findings`, `arena ui` for the Dagster runs; "
                  f"library logs in {paths.home / 'logs'}")




def _selection_rows(con) -> list[tuple]:
    """Top vs random of every selection experiment on the demo's primary measure (none before the
    experiment marts exist)."""
    from demo.arena import PRIMARY_MEASURE

    exists = con.execute("select count(*) from information_schema.tables where table_name = "
                         "'fct_selection_experiments'").fetchone()[0]
    if not exists:
        return []
    return con.execute("""select experiment_id, comparison, gain, ci_low, ci_high from fct_selection_experiments
                          where comparison = 'top vs random' and benchmark = ? and metric = ?
                          order by experiment_id""", list(PRIMARY_MEASURE)).fetchall()
