import random
import socket
import threading
import time

from .protocol import ProtocolError, parse_request_line, response_line


class TokenStore:
    """Scanner tokens; the lookup is a round trip to the identity service."""

    def __init__(self, tokens):
        self._tokens = dict(tokens)

    def lookup(self, token):
        time.sleep(random.uniform(0.0, 0.009))
        return self._tokens.get(token)


class ArchiveServer:
    def __init__(self, tokens, max_bytes=48 * 1024):
        self.tokens = tokens
        self.max_bytes = max_bytes
        self.documents = {}
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._closed = False

    def start(self):
        self._thread.start()
        return self

    def _serve(self):
        while not self._closed:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _read_line(self, conn):
        data = b""
        while not data.endswith(b"\n"):
            byte = conn.recv(1)
            if not byte:
                raise ProtocolError("connection closed before request line")
            data += byte
        return data

    def _handle(self, conn):
        try:
            token, name, length = parse_request_line(self._read_line(conn))
            owner = self.tokens.lookup(token)
            if owner is None:
                conn.sendall(response_line(401, "unknown scanner token"))
            elif length > self.max_bytes:
                conn.sendall(response_line(413, f"document larger than {self.max_bytes} bytes"))
            else:
                body = b""
                while len(body) < length:
                    chunk = conn.recv(min(65536, length - len(body)))
                    if not chunk:
                        raise ProtocolError("short body")
                    body += chunk
                self.documents[name] = (owner, body)
                conn.sendall(response_line(201, "stored"))
        except ProtocolError as exc:
            conn.sendall(response_line(400, str(exc)))
        finally:
            conn.close()

    def stop(self):
        self._closed = True
        self._listener.close()
