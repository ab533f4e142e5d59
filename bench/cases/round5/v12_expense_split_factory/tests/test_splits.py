from decimal import Decimal

import pytest

from splitwise_lite.splits import equal_shares, exact_shares, weighted_shares


def test_equal_shares_even_amount():
    assert equal_shares(Decimal("30.00"), ["a", "b", "c"]) == {p: Decimal("10.00") for p in "abc"}


def test_weighted_shares():
    shares = weighted_shares(Decimal("90.00"), {"a": 2, "b": 1})
    assert shares == {"a": Decimal("60.00"), "b": Decimal("30.00")}


def test_exact_shares_must_add_up():
    with pytest.raises(ValueError):
        exact_shares(Decimal("10.00"), {"a": "4.00", "b": "5.00"})


def test_nobody_to_split_with():
    with pytest.raises(ValueError):
        equal_shares(Decimal("1.00"), [])
