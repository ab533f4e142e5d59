def fetch(sock):
    sock.sendall(b"GET\n")
    data = sock.recv(65536)  # @cause
    _, _, body = data.partition(b"\n")
    return body
