import pytest

from orderdesk import OrderLine, total_cents


def test_total_without_discount():
    assert total_cents([OrderLine("A", 2, 1250), OrderLine("B", 1, 499)]) == 2999


def test_discount_rounds_half_up():
    assert total_cents([OrderLine("A", 1, 1050)], discount_pct=15) == 892


@pytest.mark.parametrize("qty", [0, 1, 7])
def test_zero_discount_identity(qty):
    assert total_cents([OrderLine("A", qty, 300)]) == qty * 300
