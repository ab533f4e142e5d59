import json
import socket
from urllib.parse import urlsplit


class DeliveryError(Exception):
    pass


def post_json(url, payload, headers):
    parts = urlsplit(url)
    body = json.dumps(payload).encode()
    head = [f"POST {parts.path or '/'} HTTP/1.1", f"Host: {parts.hostname}",
            "Content-Type: application/json", f"Content-Length: {len(body)}",
            "Connection: close"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    request = ("\r\n".join(head) + "\r\n\r\n").encode() + body
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            chunks.append(chunk)
    status_line = b"".join(chunks).split(b"\r\n", 1)[0].decode()
    return int(status_line.split()[1])
