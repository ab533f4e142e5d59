import json
import socket
import threading


class Collector:
    """Loopback TCP collector: one JSON record per line."""

    def __init__(self, spool):
        self.spool = spool
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)  # listening before anyone learns the port
        self.port = self._sock.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept_loop, daemon=True)
        self.received = 0
        self._count_lock = threading.Lock()

    def start(self):
        self._accepting.start()
        return self

    def _accept_loop(self):
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            t = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            t.start()
            self._threads.append(t)

    def _handle(self, conn):
        with conn, conn.makefile("rb") as fh:
            for line in fh:
                self.spool.put(json.loads(line))
                with self._count_lock:
                    self.received += 1

    def close(self):
        try:
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        except OSError:
            pass
        self._sock.close()
        for t in list(self._threads):
            t.join(5)
