import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import random
import time

import pytest

from ledgerdb import connect, init_schema, record_payment


class RatesService:
    """Stand-in for the treasury FX service (one HTTP call per lookup)."""

    TABLE = {"EUR": 1.0, "USD": 0.92, "GBP": 1.17}

    def __init__(self, latency=(0.0, 0.0)):
        self.latency = latency
        self.calls = 0

    def eur_rate(self, currency):
        self.calls += 1
        time.sleep(random.uniform(*self.latency))
        return self.TABLE[currency]


@pytest.fixture
def db_path(tmp_path):
    path = str(tmp_path / "ledger.sqlite")
    init_schema(path)
    return path


@pytest.fixture
def conn(db_path):
    c = connect(db_path)
    yield c
    c.close()


@pytest.fixture
def seeded(conn):
    record_payment(conn, "bakery", 1250, "EUR")
    record_payment(conn, "bakery", 2000, "USD")
    record_payment(conn, "florist", 5000, "GBP")
    return conn
