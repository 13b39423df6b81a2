"""Launching the code location's jobs in process, recorded in the Dagster instance, with library output
sent to a log so the terminal shows only progress and a summary."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

from warehouse.paths import ArenaPaths


def _instance():
    import dagster as dg

    return dg.DagsterInstance.get()


def failure_messages(result) -> list[str]:
    messages = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            messages.append(f"{event.step_key}: {event.step_failure_data.error.message.strip()}")
    return messages


@contextmanager
def library_output_to(log: Path):
    """While a job runs, what libraries print to the process's stdout and stderr (dbt's log lines,
    evaluation progress bars, warnings) goes to `log`, so the command shows only its own progress and
    summary. ARENA_VERBOSE=1 keeps everything on the terminal."""
    if os.environ.get("ARENA_VERBOSE"):
        yield
        return
    log.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    # file descriptors for child processes and C code; sys.stdout/stderr for Python writers that are
    # not bound to them (as under a test runner's capture)
    with open(log, "a", buffering=1, encoding="utf-8") as f, redirect_stdout(f), redirect_stderr(f):
        os.dup2(f.fileno(), 1)
        os.dup2(f.fileno(), 2)
        try:
            yield
        finally:
            f.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def terminal():
    """A rich console on a copy of the current stderr descriptor, so it keeps drawing on the terminal
    while `library_output_to` points the descriptor at a log. Call it before any redirect."""
    from rich.console import Console

    return Console(file=os.fdopen(os.dup(2), "w", buffering=1), stderr=True)


def job_log(job_name: str) -> Path:
    return ArenaPaths.from_env().logs / f"{job_name}.log"


PID_TAG = "arena/pid"


def release_dead_runs() -> list[str]:
    """Mark runs this CLI started in a process that has since died (killed, crashed) as failed and
    free their concurrency slots: a dead run keeps its slot in the Dagster instance, and every later
    run that needs the same pool (the DuckDB writer, the GPU) would otherwise wait for it forever."""
    import dagster as dg

    instance = _instance()
    released = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED,
                                                                  dg.DagsterRunStatus.STARTING])):
        pid = run.tags.get(PID_TAG)
        if not pid or _alive(int(pid)):
            continue
        instance.report_run_failed(run, f"the arena process {pid} running it is gone")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        released.append(run.run_id)
    return released


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_job(job_name: str, *, partition_key: str | None = None, run_config: dict | None = None):
    """Execute one job of the definitions in this process, recorded in the Dagster instance; what the
    libraries print goes to $ARENA_HOME/logs/<job>.log."""
    with library_output_to(job_log(job_name)):
        from dagster_project.definitions import defs

        job = defs.resolve_job_def(job_name)
        config = {"loggers": {"console": {"config": {"log_level": os.environ.get("ARENA_LOG_LEVEL", "WARNING")}}},
                  **(run_config or {})}
        return job.execute_in_process(instance=_instance(), partition_key=partition_key, run_config=config,
                                      raise_on_error=False, tags={PID_TAG: str(os.getpid())})


