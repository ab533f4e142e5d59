import json


class ProtocolError(ValueError):
    pass


def encode_report(report):
    body = json.dumps(report, sort_keys=True).encode()
    return len(body).to_bytes(4, "big") + body


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ProtocolError("connection closed mid-frame")
        buf += chunk
    return buf


def read_report(sock, limit):
    size = int.from_bytes(read_exact(sock, 4), "big")
    if size > limit:
        raise ProtocolError(f"report of {size} bytes exceeds {limit}")
    return json.loads(read_exact(sock, size))
