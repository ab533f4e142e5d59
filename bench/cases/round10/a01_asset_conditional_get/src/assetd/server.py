import mimetypes
import os
from dataclasses import dataclass, field

from .httpdate import format_http_date, parse_http_date


@dataclass
class Response:
    status: int
    headers: dict = field(default_factory=dict)
    body: bytes = b""


class AssetServer:
    """Serves files below a document root with conditional GET support."""

    def __init__(self, root, max_age=60):
        self.root = os.path.abspath(root)
        self.max_age = max_age
        self.hits = {"200": 0, "304": 0, "404": 0}

    def _resolve(self, path):
        full = os.path.abspath(os.path.join(self.root, path.lstrip("/")))
        if not full.startswith(self.root + os.sep):
            return None
        return full

    def _not_modified(self, st, request_headers):
        since = parse_http_date(request_headers.get("If-Modified-Since"))
        if since is None:
            return False
        return int(st.st_mtime) <= since

    def get(self, path, headers=None):
        headers = headers or {}
        full = self._resolve(path)
        if full is None or not os.path.isfile(full):
            self.hits["404"] += 1
            return Response(404)
        st = os.stat(full)
        common = {
            "Last-Modified": format_http_date(st.st_mtime),
            "Cache-Control": f"max-age={self.max_age}",
        }
        if self._not_modified(st, headers):
            self.hits["304"] += 1
            return Response(304, common)
        with open(full, "rb") as fh:
            body = fh.read()
        ctype = mimetypes.guess_type(full)[0] or "application/octet-stream"
        self.hits["200"] += 1
        return Response(200, dict(common, **{"Content-Type": ctype,
                                             "Content-Length": str(len(body))}), body)
