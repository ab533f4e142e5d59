import random
from decimal import Decimal

DESCRIPTIONS = ["groceries", "train tickets", "pizza", "museum", "fuel", "cabin deposit"]


def amount(low=5, high=250):
    """A plausible receipt total in euros."""
    return Decimal(random.randint(low * 100, high * 100)) / 100


def expense_kwargs(members, **overrides):
    data = {
        "description": random.choice(DESCRIPTIONS),
        "paid_by": members[0],
        "total": amount(),
    }
    data.update(overrides)
    return data
