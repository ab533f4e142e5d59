import socket
import threading
import time

from wire import fetch


def serve(conn, split):
    conn.recv(64)
    if split:
        conn.sendall(b"11\n")
        time.sleep(0.005)
        conn.sendall(b"hello world")
    else:
        conn.sendall(b"11\nhello world")
    conn.close()


def roundtrip(split):
    a, b = socket.socketpair()
    t = threading.Thread(target=serve, args=(b, split))
    t.start()
    try:
        return fetch(a)
    finally:
        t.join()
        a.close()


def test_socketpair_works():
    a, b = socket.socketpair()
    a.close()
    b.close()


def test_whole_body_arrives(bad_run):
    assert roundtrip(bad_run) == b"hello world"
