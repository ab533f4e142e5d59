import json
import socket
import subprocess
import sys
import time


def _wait(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return predicate()


def test_records_over_loopback(collector, spool):
    with socket.create_connection(("127.0.0.1", collector.port), timeout=5) as s:
        for i in range(50):
            s.sendall(json.dumps({"i": i}).encode() + b"\n")
    assert _wait(lambda: collector.received == 50)
    assert len(spool.pending()) == 50


def test_records_from_subprocess(collector, spool):
    code = (
        "import json,socket,sys\n"
        "s=socket.create_connection(('127.0.0.1',int(sys.argv[1])))\n"
        "[s.sendall((json.dumps({'n':n})+'\\n').encode()) for n in range(10)]\n"
        "s.close()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(collector.port)], timeout=30)
    assert proc.returncode == 0
    assert _wait(lambda: collector.received == 10)
    values = sorted(json.loads(p.read_text())["n"] for p in spool.pending())
    assert values == list(range(10))


def test_many_clients_in_parallel(collector, spool):
    import threading

    def client(k):
        with socket.create_connection(("127.0.0.1", collector.port), timeout=5) as s:
            s.sendall(b"".join(json.dumps({"c": k, "j": j}).encode() + b"\n" for j in range(5)))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _wait(lambda: collector.received == 30)
