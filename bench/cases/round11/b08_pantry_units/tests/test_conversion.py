import pytest

from pantry import UnknownUnit, canonical, convert


def test_aliases():
    assert canonical("Tablespoons") == "tbsp"
    assert canonical("lbs.") == "lb"


def test_pounds_to_grams():
    assert convert(2, "lb", "g") == pytest.approx(907.18, abs=0.01)


def test_dimension_mismatch():
    with pytest.raises(ValueError):
        convert(1, "tbsp", "g")


def test_unknown_unit():
    with pytest.raises(UnknownUnit):
        convert(1, "smidgen", "g")


@pytest.mark.parametrize("qty,unit,target,expected", [
    (1, "kg", "g", 1000.0),
    (16, "oz", "lb", 1.0),
    (2, "litre", "ml", 2000.0),
])
def test_table(qty, unit, target, expected):
    assert convert(qty, unit, target) == pytest.approx(expected, rel=1e-3)
