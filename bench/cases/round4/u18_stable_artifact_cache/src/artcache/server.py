import socket
import threading

from .store import BlobStore


def _recv_exact(conn, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("peer closed")
        buf += chunk
    return bytes(buf)


def _recv_line(conn):
    buf = bytearray()
    while not buf.endswith(b"\n"):
        chunk = conn.recv(1)
        if not chunk:
            raise ConnectionError("peer closed")
        buf += chunk
    return buf.decode().strip()


class CacheServer:
    """``PUT <len>\\n<bytes>`` -> ``OK <key>``; ``GET <key>`` -> ``OK <len>\\n<bytes>``."""

    def __init__(self, root):
        self.store = BlobStore(root)
        self._sock = socket.create_server(("127.0.0.1", 0), backlog=32)  # listening before port is known
        self.port = self._sock.getsockname()[1]
        self._threads = []
        self._accepting = threading.Thread(target=self._accept_loop, daemon=True)

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
        with conn:
            try:
                cmd, _, arg = _recv_line(conn).partition(" ")
                if cmd == "PUT":
                    key = self.store.put(_recv_exact(conn, int(arg)))
                    conn.sendall(f"OK {key}\n".encode())
                elif cmd == "GET":
                    try:
                        data = self.store.get(arg)
                    except FileNotFoundError:
                        conn.sendall(b"MISS\n")
                        return
                    conn.sendall(f"OK {len(data)}\n".encode() + data)
                else:
                    conn.sendall(b"ERR unknown command\n")
            except (ConnectionError, ValueError):
                pass

    def stop(self):
        self._sock.close()
        for t in self._threads:
            t.join(timeout=5)
