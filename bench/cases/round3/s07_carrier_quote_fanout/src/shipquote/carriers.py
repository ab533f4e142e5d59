"""Carrier rate APIs (simulated: each has its own latency profile)."""
import asyncio
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Parcel:
    weight_kg: float
    dest_country: str
    express: bool = False


class CarrierDown(Exception):
    pass


class Carrier:
    def __init__(self, code, base_cents, per_kg_cents, latency, up=True):
        self.code = code
        self.base_cents = base_cents
        self.per_kg_cents = per_kg_cents
        self.latency = latency
        self.up = up
        self.calls = 0

    def price(self, parcel):
        cents = self.base_cents + int(round(parcel.weight_kg * self.per_kg_cents))
        if parcel.dest_country != "DE":
            cents = int(cents * 1.4)
        if parcel.express:
            cents += 600
        return cents

    async def quote(self, parcel):
        self.calls += 1
        await asyncio.sleep(random.uniform(*self.latency))
        if not self.up:
            raise CarrierDown(self.code)
        return self.price(parcel)
