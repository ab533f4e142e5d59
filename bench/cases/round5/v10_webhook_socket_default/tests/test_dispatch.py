import json

import pytest

from hookshot.delivery import Dispatcher, sign
from hookshot.http import DeliveryError
from hookshot.settings import PROFILES


def test_signature_is_stable():
    assert sign("s", {"b": 1, "a": 2}) == sign("s", {"a": 2, "b": 1})


def test_delivers_payload(receiver):
    status = Dispatcher(PROFILES["default"]).deliver(receiver.url, "order.paid", {"id": 7})
    assert status == 200
    head, body = receiver.requests[0]
    assert json.loads(body) == {"id": 7}
    assert "X-Hookshot-Event: order.paid" in head


def test_slow_subscriber_still_gets_delivery(slow_receiver):
    dispatcher = Dispatcher(PROFILES["default"])
    assert dispatcher.deliver(slow_receiver.url, "order.shipped", {"id": 8}) == 200
    assert len(slow_receiver.requests) == 1


def test_server_errors_are_retried():
    from conftest import Receiver
    r = Receiver(status=503)
    try:
        with pytest.raises(DeliveryError):
            Dispatcher(PROFILES["default"]).deliver(r.url, "order.paid", {"id": 9})
        assert len(r.requests) == 3
    finally:
        r.close()
