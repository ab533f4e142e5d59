"""Sparse fieldsets (?fields=name,price) for the product endpoints."""

ALL_FIELDS = ("sku", "name", "price", "stock", "brand")
ALWAYS_INCLUDED = ("sku",)


class UnknownField(ValueError):
    pass


def parse_fields(param):
    if not param:
        return list(ALL_FIELDS)
    wanted = [f.strip() for f in param.split(",") if f.strip()]
    for f in wanted:
        if f not in ALL_FIELDS:
            raise UnknownField(f)
    selected = set(wanted) | set(ALWAYS_INCLUDED)
    return [f for f in selected]
