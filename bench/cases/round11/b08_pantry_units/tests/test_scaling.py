from fractions import Fraction

from pantry import parse_line, scale


def test_mixed_number():
    assert parse_line("1 1/2 tsp salt").quantity == Fraction(3, 2)


def test_count_items():
    eggs = parse_line("3 large eggs")
    assert (eggs.unit, eggs.item) == ("pc", "large eggs")


def test_scale_up(pancakes):
    doubled = scale(pancakes, 4, 8)
    assert doubled[0].quantity == 3
