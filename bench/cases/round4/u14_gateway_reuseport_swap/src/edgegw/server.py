import selectors
import socket
import threading


class GatewayServer:
    """Answers ``GET <path>`` lines with ``<version> <upstream>``."""

    def __init__(self, config, host="127.0.0.1", port=0):
        self.config = config
        self.host = host
        self.port = port
        self.draining = False
        self.served = 0
        self._sock = None
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # several processes/instances share one port during a config swap
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((self.host, self.port))
        sock.listen(64)
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, daemon=True, name=f"gw-{self.config.version}")
        self._thread.start()
        return self

    def _serve(self):
        sel = selectors.DefaultSelector()
        sel.register(self._sock, selectors.EVENT_READ)
        while not self._stop.is_set():
            for _key, _ in sel.select(timeout=0.02):
                try:
                    conn, _addr = self._sock.accept()
                except (BlockingIOError, OSError):
                    continue
                self._handle(conn)
        sel.close()

    def _handle(self, conn):
        with conn:
            conn.setblocking(True)
            conn.settimeout(1.0)
            line = conn.makefile("rb").readline().decode().strip()
            method, _, path = line.partition(" ")
            if method != "GET":
                reply = "400 bad-request"
            else:
                upstream = self.config.resolve(path)
                reply = f"{self.config.version} {upstream or '404'}"
            conn.sendall((reply + "\n").encode())
            self.served += 1

    def begin_drain(self):
        """Stop taking part in new work; in-flight requests finish normally."""
        self.draining = True

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        if self._sock is not None:
            self._sock.close()
