import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import random
import threading
import time

import pytest

from wallets import AccountBook, TransferService
from wallets.audit import AuditTrail


@pytest.fixture
def book():
    b = AccountBook()
    b.open("alice", 100)
    b.open("bob", 100)
    b.open("carol", 0)
    return b


@pytest.fixture
def service(book):
    return TransferService(book, AuditTrail())


def run_concurrently(*calls):
    """Run calls on separate threads as HTTP workers would (each request
    arrives after a small, arbitrary parsing/auth delay)."""
    errors, threads = [], []

    def worker(fn, args):
        time.sleep(random.uniform(0, 0.05))
        try:
            fn(*args)
        except Exception as exc:  # collected for the test
            errors.append(exc)

    for fn, *args in calls:
        threads.append(threading.Thread(target=worker, args=(fn, args)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors
