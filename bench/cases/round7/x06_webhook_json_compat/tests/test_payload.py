from datetime import datetime

import pytest

from hookrelay import InvalidPayload
from hookrelay.payload import encode, sign


def test_encode_is_canonical():
    assert encode({"b": 1, "a": [1, 2]}) == b'{"a":[1,2],"b":1}'


def test_non_object_rejected():
    with pytest.raises(InvalidPayload):
        encode(["not", "an", "object"])


def test_signature_depends_on_secret():
    assert sign(b"{}", "k1") != sign(b"{}", "k2")
    assert len(sign(b"{}", "k1")) == len("sha256=") + 64


def test_native_datetime_is_rejected(relay):
    with pytest.raises(InvalidPayload):
        relay.publish("order.paid", {"id": 1, "paid_at": datetime(2026, 3, 1, 9, 30)})
    assert relay.drain() == []


def test_nested_values_survive():
    body = encode({"items": [{"sku": "A", "qty": 2}], "note": None})
    assert body == b'{"items":[{"qty":2,"sku":"A"}],"note":null}'
