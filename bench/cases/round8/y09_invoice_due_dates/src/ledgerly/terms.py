from datetime import timedelta

from .businessdays import add_business_days, roll_forward

TERMS = {
    "NET15": ("calendar", 15),
    "NET30": ("calendar", 30),
    "NET45": ("calendar", 45),
    "10BD": ("business", 10),
}


class UnknownTerms(KeyError):
    pass


def due_date(issued, terms):
    try:
        kind, n = TERMS[terms]
    except KeyError:
        raise UnknownTerms(terms) from None
    if kind == "business":
        return add_business_days(issued, n)
    return roll_forward(issued + timedelta(days=n))
