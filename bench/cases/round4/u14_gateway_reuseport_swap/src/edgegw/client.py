import socket


def get(port, path, host="127.0.0.1", timeout=1.0):
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(f"GET {path}\n".encode())
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(1024)
            if not chunk:
                break
            data += chunk
    version, _, upstream = data.decode().strip().partition(" ")
    return version, upstream
