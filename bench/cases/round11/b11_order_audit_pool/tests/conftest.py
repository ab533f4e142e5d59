import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from orderdesk import ConnectionPool, OrderService


class FakeConnection:
    """Stands in for a database connection; the audit table lives on the
    replicated (slow) tablespace."""

    def __init__(self, db):
        self.db = db

    def execute(self, sql, params):
        table = sql.split()[2]
        time.sleep(random.uniform(0.004, 0.075) if table == "audit_log" else 0.002)
        with self.db.lock:
            self.db.rows.setdefault(table, []).append(params)


class FakeDatabase:
    def __init__(self):
        self.rows = {}
        self.lock = threading.Lock()

    def connect(self):
        return FakeConnection(self)


@pytest.fixture
def db():
    return FakeDatabase()


@pytest.fixture
def pool(db):
    return ConnectionPool(db.connect, size=2)


@pytest.fixture
def service(pool):
    svc = OrderService(pool)
    yield svc
    svc.close()
