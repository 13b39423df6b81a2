"""A code location holding only the scoring assets and job, for running the job under the
multiprocess executor in tests (child processes rebuild the job from this module)."""
import dagster as dg


def scoring_job_def():
    from dagster_project.defs import scoring
    from dagster_project.resources import ArenaLakeResource, EngineResource

    defs = dg.Definitions.merge(scoring.defs, dg.Definitions(
        resources={"lake": ArenaLakeResource(home=dg.EnvVar("ARENA_HOME")), "engine": EngineResource()}))
    return defs.resolve_job_def("scoring")
