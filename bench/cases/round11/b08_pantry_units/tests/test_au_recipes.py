import pytest

from pantry import convert, parse_line


def test_pavlova_weights_are_metric():
    sugar = parse_line("220 g caster sugar")
    assert (sugar.unit, float(sugar.quantity)) == ("g", 220.0)
    assert convert(220, "g", "oz") == pytest.approx(7.76, abs=0.01)


def test_anzac_biscuits_in_metric_cups(metric_cups):
    oats = parse_line("1 cup rolled oats")
    sugar = parse_line("1 1/4 cups brown sugar")
    assert oats.unit == "metric_cup"
    assert convert(float(oats.quantity), oats.unit, "ml") == pytest.approx(250.0)
    assert convert(float(sugar.quantity), sugar.unit, "ml") == pytest.approx(312.5)
