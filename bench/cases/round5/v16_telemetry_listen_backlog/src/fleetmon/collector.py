import socket
import threading
import time

from . import config
from .protocol import ProtocolError, read_report


class Collector:
    """Accepts one report per connection and acknowledges it with b"OK"."""

    def __init__(self, store_latency=0.0):
        self.store_latency = store_latency
        self.reports = []
        self.errors = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind((config.COLLECTOR_HOST, 0))
        self._sock.listen(config.COLLECTOR_BACKLOG)
        self.address = self._sock.getsockname()
        self._thread = threading.Thread(target=self._serve, name="collector", daemon=True)
        self._running = True

    def start(self):
        self._thread.start()
        return self

    def _serve(self):
        while self._running:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(1.0)
                try:
                    report = read_report(conn, config.MAX_REPORT_BYTES)
                except (ProtocolError, OSError, ValueError) as exc:
                    self.errors.append(repr(exc))
                    continue
                self._store(report)
                conn.sendall(b"OK")

    def _store(self, report):
        time.sleep(self.store_latency)
        self.reports.append(report)

    def stop(self):
        self._running = False
        self._sock.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
