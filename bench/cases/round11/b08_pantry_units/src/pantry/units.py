class UnknownUnit(KeyError):
    pass


# name -> (dimension, factor to the base unit of that dimension: g, ml, piece)
_UNITS = {
    "g": ("mass", 1.0),
    "kg": ("mass", 1000.0),
    "oz": ("mass", 28.349523125),
    "lb": ("mass", 453.59237),
    "ml": ("volume", 1.0),
    "l": ("volume", 1000.0),
    "tsp": ("volume", 4.92892),
    "tbsp": ("volume", 14.7868),
    "cup": ("volume", 236.588),
    "pc": ("count", 1.0),
}

_ALIASES = {
    "gram": "g", "grams": "g", "kilo": "kg", "ounce": "oz", "ounces": "oz",
    "pound": "lb", "pounds": "lb", "lbs": "lb", "litre": "l", "liter": "l",
    "teaspoon": "tsp", "teaspoons": "tsp", "tablespoon": "tbsp",
    "tablespoons": "tbsp", "cups": "cup", "piece": "pc", "pieces": "pc",
}


def register_unit(name, dimension, factor, aliases=()):
    """Add a unit (e.g. a regional measure) and the spellings that mean it."""
    _UNITS[name] = (dimension, float(factor))
    for alias in aliases:
        _ALIASES[alias] = name


def unregister_unit(name):
    _UNITS.pop(name, None)


def canonical(unit):
    key = unit.strip().lower().rstrip(".")
    return _ALIASES.get(key, key)


def lookup(unit):
    name = canonical(unit)
    try:
        return name, _UNITS[name]
    except KeyError:
        raise UnknownUnit(unit) from None


def convert(quantity, from_unit, to_unit):
    _, (dim_a, fa) = lookup(from_unit)
    _, (dim_b, fb) = lookup(to_unit)
    if dim_a != dim_b:
        raise ValueError("cannot convert %s to %s" % (from_unit, to_unit))
    return quantity * fa / fb


def base_of(unit):
    name, (dim, factor) = lookup(unit)
    return {"mass": "g", "volume": "ml", "count": "pc"}[dim], factor
