import pytest

from conftest import make_events
from ingest.service import IngestService
from ingest.worker import BatchWriter, IngestClosed


def test_events_are_written_in_batches(sink):
    with IngestService(sink) as svc:
        svc.ingest_many(make_events(25))
    assert len(sink.read_all()) == 25
    assert sink.segments >= 3


def test_invalid_events_are_rejected(sink):
    with IngestService(sink) as svc:
        accepted = svc.ingest_many([{"type": "view"}, {"type": "view", "user": "a", "ts": 1}])
    assert accepted == 1
    assert svc.rejected[0][1] == ["user", "ts"]


def test_submit_after_stop_is_refused(sink):
    writer = BatchWriter(sink).start()
    writer.stop()
    with pytest.raises(IngestClosed):
        writer.submit({"type": "x", "user": "u", "ts": 0})


def test_order_is_preserved(sink):
    with IngestService(sink) as svc:
        svc.ingest_many(make_events(12))
    assert [e["ts"] for e in sink.read_all()] == [1_700_000_000 + i for i in range(12)]


def test_shutdown_flushes_everything_on_real_disk(disk_sink):
    with IngestService(disk_sink) as svc:
        svc.ingest_many(make_events(10, kind="purchase"))
    assert svc.writer.clean_shutdown
    assert len(disk_sink.read_all()) == 10
