import socket

from .exposition import parse


class ScrapeError(Exception):
    pass


def _split_response(raw):
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        return head, b""
    return head, body


class Scraper:
    def __init__(self, targets, timeout=1.0):
        self.targets = targets
        self.timeout = timeout

    def _open(self, port):
        sock = socket.create_connection(("127.0.0.1", port), timeout=self.timeout)
        sock.sendall(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n")
        return sock

    def _read(self, sock):
        with sock:
            raw = sock.recv(65536)
        head, body = _split_response(raw)
        if not head.startswith(b"HTTP/1.0 200"):
            raise ScrapeError(head.split(b"\r\n", 1)[0].decode(errors="replace"))
        return parse(body.decode())

    def scrape(self):
        """Fan out to every target first, then collect the responses."""
        pending = {name: self._open(port) for name, port in self.targets.items()}
        results = {}
        for name, sock in pending.items():
            results[name] = self._read(sock)
        return results
