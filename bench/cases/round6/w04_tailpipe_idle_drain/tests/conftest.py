import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import gzip
import random
import time

import pytest


class BucketSource:
    """Stands in for the object-store bucket the segments are fetched from."""

    def __init__(self, latency=(0.0, 0.0)):
        self.segments = {}
        self.latency = latency

    def add_segment(self, name, lines):
        self.segments[name] = gzip.compress(("\n".join(lines) + "\n").encode())

    def list_segments(self):
        return list(self.segments)

    def fetch(self, name):
        time.sleep(random.uniform(*self.latency))
        return self.segments[name]


class ListSink:
    def __init__(self):
        self.batches = []

    def send(self, batch):
        self.batches.append(batch)

    @property
    def records(self):
        return [r for b in self.batches for r in b]


def make_lines(service, n, level="INFO"):
    return [f"2026-12-07T10:00:{i:02d}Z {level} {service} request {i} done" for i in range(n)]


@pytest.fixture
def sink():
    return ListSink()


@pytest.fixture
def local_source():
    return BucketSource()


@pytest.fixture
def bucket_source():
    # object-store GETs on the CI network
    return BucketSource(latency=(0.005, 0.06))
