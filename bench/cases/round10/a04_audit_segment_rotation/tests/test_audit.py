import json

import pytest

from auditlog import AuditTrail, SegmentWriter
from auditlog.gateway import Declined, PaymentGateway


def test_records_are_json_lines(tmp_path):
    w = SegmentWriter(tmp_path / "s")
    t = AuditTrail(w)
    t.record("login", user="ana")
    w.close()
    [seg] = w.segments()
    event = json.loads(open(seg).read())
    assert event["kind"] == "login" and event["seq"] == 1


def test_segment_rolls_over_at_size(tmp_path):
    shipped = []
    w = SegmentWriter(tmp_path / "s", max_bytes=200, on_close=shipped.append)
    for i in range(20):
        w.append({"i": i, "pad": "x" * 20})
    w.close()
    assert len(w.segments()) >= 3
    assert len(shipped) == len(w.segments()) - 1


def test_declined_card_is_audited(trail):
    gw = PaymentGateway(trail, blocked_cards={"4000000000000002"})
    with pytest.raises(Declined):
        gw.charge("o-1", "4000000000000002", 500)
    kinds = [e["kind"] for e in trail.read_all() if e["kind"] != "heartbeat"]
    assert kinds == ["charge.requested", "charge.declined"]


def test_zero_amount_declined(trail):
    with pytest.raises(Declined):
        PaymentGateway(trail).charge("o-2", "4242424242424242", 0)


def test_heartbeat_is_written(trail):
    import time
    time.sleep(0.07)
    assert any(e["kind"] == "heartbeat" for e in trail.read_all())


def test_checkout_day_has_a_gapless_trail(trail, shipper):
    gw = PaymentGateway(trail)
    for n in range(40):
        gw.charge(f"o-{n}", "4242424242424242", 1000 + n)
    trail.stop()
    assert shipper.shipped
    assert trail.gaps() == []
    assert trail.write_errors == 0
