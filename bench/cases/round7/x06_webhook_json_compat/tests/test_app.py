import json
from datetime import datetime, timezone
from decimal import Decimal

from hookrelay import create_relay


def test_fan_out_by_event(relay):
    assert relay.publish("order.paid", {"id": 7}) == 2
    assert relay.publish("customer.created", {"id": 3}) == 1


def test_deliveries_are_signed(relay):
    relay.publish("order.paid", {"id": 7})
    first = relay.drain()[0]
    assert first.headers["X-Signature"].startswith("sha256=")
    assert first.body == b'{"data":{"id":7},"event":"order.paid"}'


def test_legacy_subscribers_get_v1_bodies(config):
    config["legacy_subscribers"] = True
    relay = create_relay(config)
    paid_at = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    relay.publish("order.paid", {"id": 7, "total": Decimal("19.90"), "paid_at": paid_at})
    delivery = relay.drain()[0]
    assert delivery.headers["X-Hook-Version"] == "1"
    assert json.loads(delivery.body)["data"]["paid_at"] == "2026-03-01T09:30:00+00:00"


def test_drain_empties_outbox(relay):
    relay.publish("order.refunded", {"id": 9})
    relay.drain()
    assert relay.drain() == []
