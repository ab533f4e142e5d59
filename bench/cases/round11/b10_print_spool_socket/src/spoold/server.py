import os
import socketserver
import tempfile
import threading

from .protocol import ProtocolError, decode, encode


def default_socket_path():
    return os.path.join(tempfile.gettempdir(), "spoold.sock")


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        for raw in self.rfile:
            try:
                reply = self.server.spool.dispatch(decode(raw))
            except ProtocolError as exc:
                reply = {"ok": False, "error": str(exc)}
            self.wfile.write(encode(reply))


class _UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class SpoolServer:
    """Local print spool daemon listening on a Unix domain socket."""

    def __init__(self, printer, path=None):
        self.printer = printer
        self.path = path or default_socket_path()
        self.jobs = []
        self.state = "running"
        self._lock = threading.Lock()
        self._server = None

    def start(self):
        if os.path.exists(self.path):
            os.unlink(self.path)  # stale socket from a crashed daemon
        self._server = _UnixServer(self.path, _Handler)
        self._server.spool = self
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def dispatch(self, msg):
        op = msg["op"]
        with self._lock:
            if op == "submit":
                job = {"id": len(self.jobs) + 1, "name": msg["name"], "pages": int(msg["pages"])}
                self.jobs.append(job)
                return {"ok": True, "job": job["id"]}
            if op == "status":
                return {"ok": True, "printer": self.printer, "state": self.state,
                        "jobs": [j["name"] for j in self.jobs],
                        "pages": sum(j["pages"] for j in self.jobs)}
            if op in ("pause", "resume"):
                self.state = "paused" if op == "pause" else "running"
                return {"ok": True, "state": self.state}
        return {"ok": False, "error": "unknown op %r" % op}
