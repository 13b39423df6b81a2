"""dbt's documentation site for the warehouse (models, sources, columns, tests and the lineage graph).

`build_docs` runs `dbt docs generate` with the catalog read from a copy of the published snapshot, so
it never opens the warehouse file a build may be writing (DuckDB allows one writer); before anything
was published the site still documents every model, without row counts or column types.
`serve_docs` serves the generated site on 127.0.0.1 only.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from warehouse.paths import ArenaPaths

DBT_DIR = Path(__file__).resolve().parent.parent / "dbt"
SITE_FILES = ("index.html", "manifest.json", "catalog.json")


def docs_dir(paths: ArenaPaths) -> Path:
    return paths.home / "dbt_docs"


def build_docs(paths: ArenaPaths | None = None, out_dir: Path | None = None) -> Path:
    """Generate the site into `out_dir` (default `$ARENA_HOME/dbt_docs`); returns that folder."""
    from warehouse.serving import current_snapshot

    paths = paths or ArenaPaths.from_env()
    out = Path(out_dir or docs_dir(paths)).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="arena-docs-") as tmp:
        catalog_db = Path(tmp) / "warehouse.duckdb"
        snapshot = current_snapshot(paths.serving)
        if snapshot is not None:
            shutil.copyfile(snapshot, catalog_db)
        env = {**os.environ, "ARENA_HOME": str(paths.home), "ARENA_WAREHOUSE": str(catalog_db)}
        done = subprocess.run([sys.executable, "-m", "dbt.cli.main", "docs", "generate", "--project-dir", str(DBT_DIR),
                               "--profiles-dir", str(DBT_DIR), "--target-path", str(out)],
                              check=False, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"dbt docs generate failed:\n{done.stdout[-4000:]}{done.stderr[-2000:]}")
    missing = [f for f in SITE_FILES if not (out / f).exists()]
    if missing:
        raise RuntimeError(f"dbt docs generate left no {', '.join(missing)} in {out}")
    return out


def docs_server(site: Path, port: int = 8080) -> http.server.ThreadingHTTPServer:
    """An HTTP server for the site folder on 127.0.0.1 (port 0: any free port); call serve_forever()."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve_docs(port: int = 8080, paths: ArenaPaths | None = None) -> None:
    """Build the site and serve it on http://127.0.0.1:<port> until interrupted."""
    site = build_docs(paths)
    with docs_server(site, port) as server:
        print(f"dbt docs: http://127.0.0.1:{server.server_address[1]}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
