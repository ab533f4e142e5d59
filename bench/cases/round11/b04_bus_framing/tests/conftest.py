import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from busframe import Bus


class RecordingTransport:
    def __init__(self):
        self.frames = []
        self._lock = threading.Lock()

    def write(self, frame):
        with self._lock:
            self.frames.append(frame)


@pytest.fixture
def transport():
    return RecordingTransport()


@pytest.fixture
def bus(transport):
    return Bus(transport)


def sensor_batch(sensor, readings):
    """A realistic batch record: a few hundred samples of one sensor."""
    rng = random.Random(sensor)
    return {"sensor": sensor,
            "samples": [[i, round(rng.uniform(18, 24), 3)] for i in range(readings)]}


def sample_interval():
    time.sleep(random.uniform(0.002, 0.03))
