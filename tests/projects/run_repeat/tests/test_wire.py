import socket
import threading
import time

from wire.client import fetch


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


def test_whole_body_arrives(bad_execution):
    # run with pytest-repeat's --count: one test, many executions per session
    assert roundtrip(bad_execution) == b"hello world"
