import socket
import time
from pathlib import Path

from .protocol import CHUNK, parse_response, request_line


class ArchiveError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code} {message}")
        self.code = code


class ScannerClient:
    def __init__(self, port, token, host="127.0.0.1", max_rate=64 * 1024 * 1024):
        self.address = (host, port)
        self.token = token
        self.max_rate = max_rate  # bytes/s; scanners share the office uplink

    def _throttle(self, sent):
        time.sleep(sent / self.max_rate)

    def upload(self, path):
        path = Path(path)
        size = path.stat().st_size
        with socket.create_connection(self.address, timeout=2) as sock, path.open("rb") as fh:
            sock.sendall(request_line(self.token, path.name, size))
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                sock.sendall(chunk)
                self._throttle(len(chunk))
            reply = b""
            while not reply.endswith(b"\n"):
                data = sock.recv(256)
                if not data:
                    break
                reply += data
        code, message = parse_response(reply)
        if code != 201:
            raise ArchiveError(code, message)
        return message
