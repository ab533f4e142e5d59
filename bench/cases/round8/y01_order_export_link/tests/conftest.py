import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from reportdesk.exporter import OrderExporter
from reportdesk.storage import ExportStore


class FakeOrderSource:
    def __init__(self, rows):
        self.rows = rows
        self.queries = 0

    def fetch(self, since=None):
        self.queries += 1
        return [r for r in self.rows if since is None or r["placed"] >= since]


class RecordingArchive:
    """Stands in for the cold-storage archive; uploads take a while."""

    def __init__(self, delay=0.3):
        self.delay = delay
        self.uploaded = []

    def upload(self, name, data):
        import time

        time.sleep(self.delay)
        self.uploaded.append((name, len(data)))


@pytest.fixture
def rows():
    return [
        {"id": 1001, "customer": "Ana Ruiz", "total": "19.90", "placed": "2026-11-02"},
        {"id": 1002, "customer": "Bo Lind", "total": "7.25", "placed": "2026-11-03"},
        {"id": 1003, "customer": "Chen Wu", "total": "112.00", "placed": "2026-11-05"},
    ]


@pytest.fixture
def store(tmp_path):
    return ExportStore(tmp_path / "exports")


@pytest.fixture
def archive():
    return RecordingArchive()


@pytest.fixture
def exporter(store, rows, archive):
    return OrderExporter(store, FakeOrderSource(rows), archive=archive)
