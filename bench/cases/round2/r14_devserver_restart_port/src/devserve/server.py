"""Tiny static dev server: python -m devserve.server ROOT PORT"""
import mimetypes
import select
import socket
import sys
from pathlib import Path


def build_response(root: Path, request_line: str) -> bytes:
    try:
        method, target, _ = request_line.split(" ", 2)
    except ValueError:
        return _reply(400, b"bad request", "text/plain")
    if method != "GET":
        return _reply(405, b"method not allowed", "text/plain")
    rel = target.split("?", 1)[0].lstrip("/") or "index.html"
    path = (root / rel).resolve()
    if root not in path.parents and path != root or not path.is_file():
        return _reply(404, b"not found", "text/plain")
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return _reply(200, path.read_bytes(), ctype)


def _reply(status: int, body: bytes, ctype: str) -> bytes:
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}[status]
    head = (f"HTTP/1.0 {status} {reason}\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    return head.encode() + body


def handle(conn: socket.socket, root: Path) -> bool:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return True
        data += chunk
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    if line.startswith("POST /__shutdown"):
        conn.sendall(_reply(200, b"bye", "text/plain"))
        return False
    conn.sendall(build_response(root, line))
    # drain anything the client pipelined so close() does not turn into a RST
    readable, _, _ = select.select([conn], [], [], 0)
    if readable:
        conn.recv(4096)
    return True


def main(argv) -> None:
    root = Path(argv[1]).resolve()
    port = int(argv[2])
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", port))
    sock.listen(32)
    print(f"listening {sock.getsockname()[1]}", flush=True)
    running = True
    while running:
        conn, _ = sock.accept()
        with conn:
            running = handle(conn, root)
    sock.close()


if __name__ == "__main__":
    main(sys.argv)
