from dataclasses import dataclass

from . import settings

LANES = {
    ("DEHAM", "NLRTM"): 1.10,
    ("DEHAM", "PLGDN"): 1.35,
    ("NLRTM", "BEANR"): 0.80,
    ("FRLEH", "ESBCN"): 1.60,
}


@dataclass(frozen=True)
class Quote:
    origin: str
    destination: str
    weight_kg: float
    price: float
    currency: str = settings.CURRENCY


class UnknownLane(LookupError):
    pass


class QuoteEngine:
    def __init__(self, lanes=None, fuel=settings.FUEL_SURCHARGE):
        self.lanes = dict(lanes or LANES)
        self.fuel = fuel

    def price(self, origin, destination, weight_kg):
        try:
            rate = self.lanes[(origin, destination)]
        except KeyError:
            raise UnknownLane(f"{origin}->{destination}") from None
        base = rate * weight_kg / 10.0
        total = max(base * (1 + self.fuel), settings.MIN_CHARGE)
        return Quote(origin, destination, weight_kg, round(total, 2))
