import pytest

from fulfil import Warehouse


def test_take_reduces_level():
    wh = Warehouse("X", {"a": 2})
    wh.take("a", 2)
    assert wh.available("a") == 0


def test_take_more_than_available():
    with pytest.raises(ValueError):
        Warehouse("X", {"a": 1}).take("a", 2)
