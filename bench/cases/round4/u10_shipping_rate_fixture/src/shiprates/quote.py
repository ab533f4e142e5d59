from dataclasses import dataclass
from decimal import Decimal, ROUND_UP

ZONES_BY_COUNTRY = {"DE": "domestic", "AT": "eu1", "FR": "eu1", "NL": "eu1", "PL": "eu2", "US": "world"}


class NotServed(LookupError):
    pass


@dataclass(frozen=True)
class Parcel:
    country: str
    length_cm: int
    width_cm: int
    height_cm: int
    weight_kg: Decimal


def billable_weight(parcel, divisor=5000):
    volumetric = Decimal(parcel.length_cm * parcel.width_cm * parcel.height_cm) / divisor
    weight = max(parcel.weight_kg, volumetric)
    return weight.quantize(Decimal("0.1"), rounding=ROUND_UP)


def quote(card, parcel):
    zone = ZONES_BY_COUNTRY.get(parcel.country)
    if zone is None or zone not in card["zones"]:
        raise NotServed(parcel.country)
    kg = billable_weight(parcel)
    for max_kg, price in card["zones"][zone]:
        if kg <= max_kg:
            return price
    raise NotServed(f"{kg} kg exceeds {card['carrier']} limits")
