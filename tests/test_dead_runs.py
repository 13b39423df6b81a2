"""A run whose arena process died (killed mid-training, say) is marked failed and gives back its
concurrency slot, so the next command does not wait on it forever."""
import os
import subprocess
import sys


def test_runs_of_a_dead_process_are_released(arena_home):
    import dagster as dg

    from arena_cli import runs as cli
    from arena_cli.environment import setup_environment

    setup_environment()
    instance = dg.DagsterInstance.get()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    run = dg.DagsterRun(job_name="__ephemeral", run_id="dead-run-0001", status=dg.DagsterRunStatus.STARTED,
                        tags={cli.PID_TAG: str(dead.pid)})
    live = dg.DagsterRun(job_name="__ephemeral", run_id="live-run-0001", status=dg.DagsterRunStatus.STARTED,
                         tags={cli.PID_TAG: str(os.getpid())})
    instance.add_run(run)
    instance.add_run(live)
    assert cli.release_dead_runs() == ["dead-run-0001"]
    assert instance.get_run_by_id("dead-run-0001").status == dg.DagsterRunStatus.FAILURE
    assert instance.get_run_by_id("live-run-0001").status == dg.DagsterRunStatus.STARTED
    assert cli.release_dead_runs() == []
