import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from discovery import Resolver


class CatalogStub:
    """In-memory catalog agent; queries cost a realistic round trip."""

    def __init__(self, services, latency=(0.001, 0.004)):
        self.services = services
        self.latency = latency
        self.queries = 0
        self._lock = threading.Lock()

    def query(self, service):
        low, high = self.latency.get(service, (0.001, 0.004)) if isinstance(self.latency, dict) else self.latency
        time.sleep(random.uniform(low, high))
        with self._lock:
            self.queries += 1
        return [dict(row) for row in self.services.get(service, [])]


SERVICES = {
    "checkout": [
        {"node": "10.0.0.11:8443", "weight": 3, "tags": ["v2", "eu"]},
        {"node": "10.0.0.12:8443", "weight": 1, "tags": ["v1", "eu"]},
        {"node": "10.0.0.13:8443", "weight": 3, "check": "critical", "tags": ["v2"]},
    ],
    "search": [
        {"node": "10.0.1.5:9200", "tags": ["primary"]},
        {"node": "10.0.1.6:9200", "check": "warning"},
    ],
    "ledger": [
        {"node": "10.0.2.2:7000", "weight": 2},
        {"node": "10.0.2.3:7000", "weight": 2},
    ],
}


@pytest.fixture
def catalog():
    # the ledger service is registered in the far datacenter: its catalog
    # queries go through the WAN gossip pool.
    return CatalogStub(SERVICES, latency={"ledger": (0.03, 0.21)})


@pytest.fixture
def resolver(catalog):
    r = Resolver(catalog)
    yield r
    r.close()
