import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import random
import threading
import time

import pytest

from binstock import Warehouse
from binstock.scanner import HandScanner


@pytest.fixture
def warehouse():
    wh = Warehouse.from_plan([("A-01", 50), ("R-01", 200), ("A-02", 50)])
    wh.receive("R-01", "SKU-7", 120)
    wh.receive("A-01", "SKU-7", 10)
    return wh


@pytest.fixture
def scanner():
    return HandScanner()


def run_shift(*jobs):
    """Run each picker job on its own thread; pickers badge in a few ms apart."""
    errors = []

    def worker(job):
        time.sleep(random.uniform(0, 0.02))
        try:
            job()
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    return errors
