import json
from decimal import Decimal
from pathlib import Path


def load_rate_card(path):
    """Load a carrier rate card: zone -> list of (max_kg, price) tiers."""
    doc = json.loads(Path(path).read_text())
    card = {"carrier": doc["carrier"], "currency": doc["currency"], "zones": {}}
    for zone, tiers in doc["zones"].items():
        rows = sorted((Decimal(str(kg)), Decimal(str(price))) for kg, price in tiers)
        card["zones"][zone] = [list(r) for r in rows]
    return card


def apply_surcharge(card, percent, zones=None):
    """Raise prices in place (peak-season / fuel surcharges).

    Rate cards are loaded fresh for every quoting session, so the card is
    adjusted in place rather than copied.
    """
    factor = 1 + Decimal(str(percent)) / 100
    for zone, tiers in card["zones"].items():
        if zones is not None and zone not in zones:
            continue
        for tier in tiers:
            tier[1] = (tier[1] * factor).quantize(Decimal("0.01"))
    return card
