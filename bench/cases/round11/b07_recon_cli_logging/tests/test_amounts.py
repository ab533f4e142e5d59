import pytest

from recon import to_cents


@pytest.mark.parametrize("text,cents", [("1.234,50", 123450), ("1,234.50", 123450),
                                        ("-12", -1200), ("0,5", 50), ("12 000", 1200000)])
def test_formats(text, cents):
    assert to_cents(text) == cents


def test_garbage_rejected():
    with pytest.raises(ValueError):
        to_cents("12abc")
