import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from helpdesk.audit import AuditTrail
from helpdesk.handlers import TicketHandlers
from helpdesk.tickets import TicketStore

PERMISSIONS = {
    "maria": {"assign", "close"},
    "tom": {"close"},
    "guest": set(),
}


@pytest.fixture
def store():
    s = TicketStore()
    for n in range(1, 6):
        s.create(f"T-{n}", f"Printer on floor {n} offline")
    return s


@pytest.fixture
def audit():
    return AuditTrail()


@pytest.fixture
def app(store, audit):
    return TicketHandlers(store, audit, PERMISSIONS)


def serve_concurrently(app, requests, arrival_spread=0.045):
    """Run requests on worker threads the way the WSGI pool would, with
    arrivals spread over a few milliseconds."""
    results = [None] * len(requests)
    errors = []

    def worker(i, req):
        time.sleep(random.uniform(0, arrival_spread))
        try:
            results[i] = app.dispatch(*req[:3], **req[3] if len(req) > 3 else {})
        except Exception as exc:  # pragma: no cover - surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i, r)) for i, r in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert not errors, errors
    return results
