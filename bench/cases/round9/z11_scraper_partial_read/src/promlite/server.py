import socket
import threading

from .exposition import render


class MetricsEndpoint:
    """Minimal /metrics HTTP endpoint, one thread per connection."""

    def __init__(self, collectors):
        self.collectors = collectors
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        with conn:
            request = conn.recv(4096)
            if not request.startswith(b"GET /metrics"):
                conn.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                return
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n")
            families = []
            for collect in self.collectors:
                families.extend(collect())
            body = render(families).encode()
            conn.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def close(self):
        self._stop.set()
        self._sock.close()
