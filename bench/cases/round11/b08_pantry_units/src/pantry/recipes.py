import re
from dataclasses import dataclass, replace
from fractions import Fraction

from .units import canonical

_LINE = re.compile(r"^\s*(?P<qty>\d+(?:[./]\d+)?(?:\s+\d+/\d+)?)\s*(?P<unit>[a-zA-Z.]+)?\s+(?P<item>.+?)\s*$")


@dataclass(frozen=True)
class Ingredient:
    quantity: Fraction
    unit: str
    item: str


def _quantity(text):
    total = Fraction(0)
    for part in text.split():
        total += Fraction(part) if "/" in part else Fraction(str(float(part)))
    return total


def parse_line(line):
    m = _LINE.match(line)
    if not m:
        raise ValueError("cannot parse ingredient: %r" % line)
    unit = m.group("unit")
    item = m.group("item")
    if unit is None or unit.lower() in ("large", "small", "medium"):
        unit, item = "pc", ((unit + " ") if unit else "") + item
    return Ingredient(_quantity(m.group("qty")), canonical(unit), item.lower())


def scale(ingredients, servings_from, servings_to):
    factor = Fraction(servings_to, servings_from)
    return [replace(ing, quantity=ing.quantity * factor) for ing in ingredients]
