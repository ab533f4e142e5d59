import threading
from datetime import datetime, timezone

from gridmeter.readings import ReadingBuffer


def test_sequence_per_meter(buffer):
    buffer.record("M1", 1.0)
    buffer.record("M2", 2.0)
    r = buffer.record("M1", 1.5)
    assert r.seq == 2


def test_concurrent_recording_keeps_every_reading(buffer):
    barrier = threading.Barrier(4)

    def work(meter):
        barrier.wait()
        for i in range(200):
            buffer.record(meter, i * 0.1)

    threads = [threading.Thread(target=work, args=(f"M{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    drained = buffer.drain()
    assert len(drained) == 800
    for m in ("M0", "M1", "M2", "M3"):
        assert [r.seq for r in drained if r.meter == m] == list(range(1, 201))


def test_live_timestamps_are_bracketed(live_buffer):
    before = datetime.now(timezone.utc)
    r = live_buffer.record("M9", 3.2)
    after = datetime.now(timezone.utc)
    assert before <= r.taken_at <= after


def test_clock_advance_crosses_hour(buffer, clock):
    buffer.record("M1", 1.0)
    clock.advance(2)
    r = buffer.record("M1", 1.1)
    assert r.taken_at.hour == 1
