"""`warehouse.dbt_docs`: dbt's documentation site is generated over an arena and served on localhost."""
import json
import threading
import urllib.request

import pytest


@pytest.mark.slow
def test_build_docs_generates_the_site_and_serves_it(paths):
    from warehouse.dbt_docs import build_docs, docs_server

    site = build_docs(paths)
    assert site == paths.home / "dbt_docs"
    assert (site / "index.html").stat().st_size > 0
    catalog = json.loads((site / "catalog.json").read_text())
    manifest = json.loads((site / "manifest.json").read_text())
    assert "model.dataarena.fct_leaderboard" in manifest["nodes"]
    assert "source.dataarena.lineage.lineage_reviews" in manifest["sources"]
    assert "nodes" in catalog and "sources" in catalog
    assert not (paths.home / "warehouse.duckdb").exists()  # the catalog never opens the warehouse itself

    server = docs_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host, port = server.server_address
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
            assert response.status == 200 and b"dbt" in response.read().lower()
    finally:
        server.shutdown()
        server.server_close()
