import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from ingest.sink import SegmentSink


@pytest.fixture
def sink(tmp_path):
    return SegmentSink(tmp_path / "segments")


@pytest.fixture
def disk_sink(tmp_path):
    """Sink with the fsync latency we measured on the staging volume."""
    return SegmentSink(tmp_path / "disk", sync_latency=(0.02, 0.14))


def make_events(n, kind="click"):
    return [{"type": kind, "user": f"u{i % 7}", "ts": 1_700_000_000 + i} for i in range(n)]
