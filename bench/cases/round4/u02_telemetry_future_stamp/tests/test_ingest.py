import time

from telemetry.device import Reading


def test_reading_in_range_accepted(ingestor):
    assert ingestor.accept(Reading("s1", 1, time.time() - 1.0, 20.0))
    assert ingestor.stats.accepted == 1


def test_out_of_range_rejected(ingestor):
    assert not ingestor.accept(Reading("s1", 1, time.time() - 1.0, 400.0))
    assert ingestor.stats.rejected["range"] == 1


def test_stale_reading_rejected(ingestor):
    assert not ingestor.accept(Reading("s1", 1, time.time() - 3600, 20.0))
    assert ingestor.stats.rejected["stale"] == 1


def test_future_reading_rejected(ingestor):
    assert not ingestor.accept(Reading("s1", 1, time.time() + 60, 20.0))
    assert ingestor.stats.rejected["future"] == 1


def test_duplicate_sequence_rejected(ingestor):
    now = time.time() - 2
    assert ingestor.accept(Reading("s1", 5, now, 20.0))
    assert not ingestor.accept(Reading("s1", 5, now + 0.5, 20.0))


def test_mean_per_sensor(ingestor):
    now = time.time() - 5
    for seq, value in enumerate([19.0, 21.0, 23.0], start=1):
        ingestor.accept(Reading("s2", seq, now + seq * 0.1, value))
    assert ingestor.mean("s2") == 21.0
