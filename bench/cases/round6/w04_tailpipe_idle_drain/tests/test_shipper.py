import pytest

from tailpipe import ShipperConfig, Shipper, parse_line
from tailpipe.records import BadLine

from conftest import make_lines


def test_parse_line():
    rec = parse_line(b"2026-12-07T10:00:00Z WARN api slow query on /orders\n")
    assert rec.level == "WARN"
    assert rec.service == "api"
    assert rec.message == "slow query on /orders"


def test_parse_rejects_unknown_level():
    with pytest.raises(BadLine):
        parse_line(b"2026-12-07T10:00:00Z LOUD api hi")


def test_batches_respect_batch_size(local_source, sink):
    local_source.add_segment("0001.log.gz", make_lines("api", 120))
    report = Shipper(local_source, sink, ShipperConfig(batch_size=50)).run()
    assert [len(b) for b in sink.batches] == [50, 50, 20]
    assert report.batches == 3


def test_trace_records_dropped(local_source, sink):
    local_source.add_segment("0001.log.gz", make_lines("api", 10) + make_lines("api", 5, "TRACE"))
    report = Shipper(local_source, sink, ShipperConfig()).run()
    assert report.shipped == 10
    assert report.dropped == 5


def test_segments_shipped_in_name_order(local_source, sink):
    local_source.add_segment("0002.log.gz", make_lines("billing", 3))
    local_source.add_segment("0001.log.gz", make_lines("api", 3))
    Shipper(local_source, sink, ShipperConfig()).run()
    assert [r.service for r in sink.records] == ["api"] * 3 + ["billing"] * 3


def test_ships_every_segment_from_bucket(bucket_source, sink):
    for i, svc in enumerate(["api", "billing", "search"]):
        bucket_source.add_segment(f"{i:04d}.log.gz", make_lines(svc, 40))
    report = Shipper(bucket_source, sink, ShipperConfig()).run()
    assert report.shipped == 120
    assert {r.service for r in sink.records} == {"api", "billing", "search"}
