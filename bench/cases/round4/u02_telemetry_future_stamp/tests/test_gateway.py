from telemetry.uplink import decode, encode


def test_uplink_roundtrip(greenhouse):
    readings = [greenhouse.read(), greenhouse.read()]
    assert decode(encode(readings)) == readings


def test_device_sequence_numbers(greenhouse):
    assert [greenhouse.read().seq for _ in range(3)] == [1, 2, 3]


def test_live_reading_reaches_backend(greenhouse, uplink, ingestor):
    reading = greenhouse.read()
    results = uplink.send([reading])
    assert results == [True], dict(ingestor.stats.rejected)
    assert ingestor.series["greenhouse-1"][0].celsius == 21.5
