import json

MAX_LINE = 1 << 16


def encode(obj) -> bytes:
    return (json.dumps(obj, separators=(",", ":")) + "\n").encode()


def read_message(sock_file):
    line = sock_file.readline(MAX_LINE)
    if not line:
        raise EOFError("peer closed the connection")
    return json.loads(line)
