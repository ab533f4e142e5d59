import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from auditlog import ArchiveShipper, AuditTrail, SegmentWriter


@pytest.fixture
def shipper(tmp_path):
    return ArchiveShipper(tmp_path / "archive")


@pytest.fixture
def trail(tmp_path, shipper):
    writer = SegmentWriter(tmp_path / "segments", max_bytes=5000, on_close=shipper)
    t = AuditTrail(writer).start()
    yield t
    t.stop()
