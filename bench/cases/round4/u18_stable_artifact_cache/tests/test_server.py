import os
import subprocess
import sys
import threading

import pytest

from artcache import client
from conftest import SRC


def test_roundtrip_over_tcp(server):
    key = client.put(server.port, b"libfoo.so")
    assert client.get(server.port, key) == b"libfoo.so"


def test_miss(server):
    with pytest.raises(client.CacheMiss):
        client.get(server.port, "0" * 64)


def test_parallel_clients_threads(server):
    errors = []

    def worker(i):
        try:
            payload = os.urandom(4096) + bytes([i])
            assert client.get(server.port, client.put(server.port, payload)) == payload
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert errors == []


def test_subprocess_clients(server):
    env = dict(os.environ, PYTHONPATH=str(SRC))
    procs = [
        subprocess.Popen([sys.executable, "-m", "artcache.client", str(server.port), "3"],
                         stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=20)[0].split() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert sorted(server.store.keys()) == sorted(k for out in outputs for k in out)
