"""One loopback HTTP server standing in for the Hugging Face Hub, the GitHub API and the arXiv export API.

Routes answer in the services' own shapes: the Hub's `/api/datasets/{id}` JSON and the raw card at
`/datasets/{id}/raw/main/README.md`; GitHub's `/repos/{owner}/{repo}/readme` JSON with base64 content
(or the raw file); arXiv's `/api/query?id_list=ID` Atom feed. A route can instead fail with a status,
answer slowly (past the client's timeout), or serve HTML. Unknown paths are 404, as on the services,
except an unknown arXiv id, which (as on arXiv) is a feed with no entry.
Every request path is recorded, with the Authorization header it carried.
"""
from __future__ import annotations

import base64
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes
    content_type: str = "application/json"
    status: int = 200
    delay_s: float = 0.0


def hub_dataset(hub_id: str, card: str, arxiv: tuple[str, ...] = ()) -> dict[str, Route]:
    """The Hub's two answers for a dataset: API info (with `arxiv:` tags) and the raw README."""
    info = {"_id": "0" * 24, "id": hub_id, "author": hub_id.split("/")[0], "sha": "a" * 40, "private": False,
            "gated": False, "disabled": False, "downloads": 12, "likes": 3,
            "tags": ["task_categories:question-answering", "license:mit", *(f"arxiv:{a}" for a in arxiv)],
            "cardData": {"license": "mit"}, "siblings": [{"rfilename": "README.md"}]}
    return {f"/api/datasets/{hub_id}": Route(json.dumps(info).encode()),
            f"/datasets/{hub_id}/raw/main/README.md": Route(card.encode(), "text/plain; charset=utf-8")}


def github_readme(owner: str, repo: str, text: str, raw: bool = False) -> dict[str, Route]:
    path = f"/repos/{owner}/{repo}/readme"
    if raw:
        return {path: Route(text.encode(), "application/vnd.github.raw+json")}
    body = {"type": "file", "encoding": "base64", "size": len(text), "name": "README.md", "path": "README.md",
            "content": base64.encodebytes(text.encode()).decode(),     # GitHub wraps the base64 in lines
            "html_url": f"https://github.com/{owner}/{repo}/blob/main/README.md",
            "download_url": f"https://raw.githubusercontent.com/{owner}/{repo}/main/README.md"}
    return {path: Route(json.dumps(body).encode())}


def arxiv_feed(arxiv_id: str, title: str, abstract: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"
      xmlns:arxiv="http://arxiv.org/schemas/atom">
  <link href="http://arxiv.org/api/query?id_list={arxiv_id}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: id_list={arxiv_id}</title>
  <opensearch:totalResults>1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/{arxiv_id}v1</id>
    <updated>2024-01-02T00:00:00Z</updated>
    <published>2024-01-01T00:00:00Z</published>
    <title>{escape(title)}</title>
    <summary>  {escape(abstract)}
    </summary>
    <author><name>A. Author</name></author>
    <arxiv:primary_category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>"""


EMPTY_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <title type="html">ArXiv Query: id_list=</title>
  <opensearch:totalResults>0</opensearch:totalResults>
</feed>"""


def arxiv_paper(arxiv_id: str, title: str, abstract: str) -> dict[str, Route]:
    return {f"/api/query?id_list={arxiv_id}": Route(arxiv_feed(arxiv_id, title, abstract).encode(),
                                                   "application/atom+xml; charset=utf-8")}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.requests.append(self.path)
        self.server.authorization[self.path] = self.headers.get("Authorization")
        url = urlparse(self.path)
        key = url.path
        if url.path == "/api/query":
            key = f"/api/query?id_list={parse_qs(url.query).get('id_list', [''])[0]}"
        route = self.server.routes.get(key)
        if route is None and url.path == "/api/query":
            route = Route(EMPTY_FEED.encode(), "application/atom+xml; charset=utf-8")
        if route is None:
            route = Route(b'{"error":"Not Found"}', status=404)
        if route.delay_s:
            time.sleep(route.delay_s)
        try:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def fake_web(routes: dict[str, Route]):
    """Yields (base_url, server); the same base URL serves the Hub, GitHub API and arXiv routes."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.routes = routes
    server.requests = []
    server.authorization = {}
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
