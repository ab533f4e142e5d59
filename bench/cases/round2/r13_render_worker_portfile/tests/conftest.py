import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import time

import pytest

from renderd import Supervisor


def wait_accepting(sup, timeout=3.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return sup.call("pid")
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@pytest.fixture(scope="module")
def worker():
    sup = Supervisor()
    sup.start()
    wait_accepting(sup)
    yield sup
    sup.stop()


@pytest.fixture
def supervisor():
    sup = Supervisor()
    yield sup
    sup.stop()
