import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from reporting import ConnectionPool, OrderRepo
from reporting.db import Connection


@pytest.fixture
def pool():
    return ConnectionPool(Connection, size=2)


@pytest.fixture
def repo(pool):
    return OrderRepo(pool)


@pytest.fixture
def background():
    threads = []

    def start(fn, *args, **kwargs):
        t = threading.Thread(target=fn, args=args, kwargs=kwargs, daemon=True)
        threads.append(t)
        t.start()
        return t

    yield start
    for t in threads:
        t.join(5)
