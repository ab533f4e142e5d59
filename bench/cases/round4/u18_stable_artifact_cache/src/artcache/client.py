import socket

from .server import _recv_exact, _recv_line


class CacheMiss(KeyError):
    pass


def put(port, data, timeout=5.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"PUT {len(data)}\n".encode() + data)
        status, _, key = _recv_line(s).partition(" ")
    if status != "OK":
        raise RuntimeError(status)
    return key


def get(port, key, timeout=5.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {key}\n".encode())
        status, _, size = _recv_line(s).partition(" ")
        if status == "MISS":
            raise CacheMiss(key)
        return _recv_exact(s, int(size))


if __name__ == "__main__":
    import sys
    import uuid

    port, count = int(sys.argv[1]), int(sys.argv[2])
    for _ in range(count):
        payload = f"artifact-{uuid.uuid4()}".encode() * 50
        key = put(port, payload)
        assert get(port, key) == payload
        print(key)
