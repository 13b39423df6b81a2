"""Licences from Hub cards: real HTTP against a loopback server answering in the Hub API's format,
cached with the fetch date, failures recorded per dataset while the rest go on."""
import http.server
import json
import threading

import pyarrow.parquet as pq
import pytest

from ingest.hub_cards import fetch_card

ANSWERS = {
    "/api/datasets/tatsu-lab/alpaca": (200, {"id": "tatsu-lab/alpaca", "cardData": {"license": "cc-by-nc-4.0"}}),
    "/api/datasets/org/tagged": (200, {"id": "org/tagged", "tags": ["task:qa", "license:apache-2.0"]}),
    "/api/datasets/org/broken": (500, {"error": "internal"}),
}


@pytest.fixture
def hub(monkeypatch):
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            status, body = ANSWERS.get(self.path, (404, {"error": "Repository not found"}))
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
    yield requests
    server.shutdown()


def test_licences_come_from_card_data_or_tags_and_are_cached(hub, tmp_path):
    assert fetch_card("tatsu-lab/alpaca", tmp_path).license == "cc-by-nc-4.0"
    assert fetch_card("org/tagged", tmp_path).license == "apache-2.0"
    missing = fetch_card("org/missing", tmp_path)
    assert missing.license is None and missing.error == "HTTP 404"
    assert fetch_card("org/broken", tmp_path).error == "HTTP 500"
    before = len(hub)
    assert fetch_card("tatsu-lab/alpaca", tmp_path).license == "cc-by-nc-4.0"  # from the cache
    assert len(hub) == before
    cached = json.loads((tmp_path / "tatsu-lab__alpaca.json").read_text())
    assert cached["fetched_at"].startswith("20")
    fetch_card("org/missing", tmp_path)  # a failure is retried, not cached as an answer
    assert len(hub) == before + 1


def test_catalog_asset_lands_card_licences(hub, paths, tmp_path, monkeypatch):
    from arena_cli import main as cli

    catalogs = tmp_path / "catalogs"
    catalogs.mkdir()
    (catalogs / "mini.yaml").write_text(
        "datasets:\n"
        "  - {id: tatsu-lab__alpaca, name: Alpaca, source: {hub: {id: tatsu-lab/alpaca}}, domain: general}\n"
        "  - {id: org__missing, name: Missing, source: {hub: {id: org/missing}}, domain: general}\n"
        "  - {id: org__licensed, name: Licensed, source: {hub: {id: org/licensed}}, domain: general, license: mit}\n")
    monkeypatch.setenv("ARENA_CATALOG_DIRS", str(catalogs))
    assert cli.hub_cards_command(["mini"]) == 0
    rows = {r["dataset_id"]: r for r in pq.read_table(paths.partition_dir("hub_cards", "mini")).to_pylist()}
    assert set(rows) == {"tatsu-lab__alpaca", "org__missing"}  # a catalog licence needs no card
    assert rows["tatsu-lab__alpaca"]["license"] == "cc-by-nc-4.0" and rows["org__missing"]["error"] == "HTTP 404"
