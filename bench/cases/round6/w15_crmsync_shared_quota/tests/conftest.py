import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import itertools
import random
import threading
import time

import pytest

from crmsync import CrmClient


class FakeCrm:
    """In-process CRM API with network-like latency."""

    def __init__(self, latency=(0.003, 0.012)):
        self.latency = latency
        self.contacts = {}
        self.log = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def request(self, method, path, body=None):
        time.sleep(random.uniform(*self.latency))
        with self._lock:
            self.log.append((method, path))
            if path.startswith("/contacts?email="):
                return self.contacts.get(path.split("=", 1)[1])
            if method == "POST" and path == "/contacts":
                record = dict(body, id=next(self._ids))
                self.contacts[body["email"]] = record
                return record
            if method == "PATCH":
                record = self.contacts[body["email"]]
                record.update(body)
                return record
            return {"ok": True}


@pytest.fixture
def crm():
    return FakeCrm()


@pytest.fixture
def client(crm):
    c = CrmClient(crm)
    yield c
    c.close()


@pytest.fixture
def quiet_client(crm):
    c = CrmClient(crm, heartbeat=False)
    yield c
    c.close()
