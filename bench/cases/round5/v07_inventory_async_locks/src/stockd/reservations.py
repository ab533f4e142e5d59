import itertools
from dataclasses import dataclass

from .locks import KeyedLocks


class OutOfStock(Exception):
    pass


@dataclass
class Reservation:
    id: int
    order: str
    sku: str
    qty: int


class ReservationService:
    def __init__(self, store):
        self.store = store
        self.locks = KeyedLocks()
        self._ids = itertools.count(1)
        self.reservations = []

    async def reserve(self, order, sku, qty):
        async with self.locks.lock_for(sku):
            available = await self.store.get(sku)
            if available < qty:
                raise OutOfStock(f"{sku}: wanted {qty}, have {available}")
            await self.store.set(sku, available - qty)
        res = Reservation(next(self._ids), order, sku, qty)
        self.reservations.append(res)
        return res

    async def release(self, reservation):
        async with self.locks.lock_for(reservation.sku):
            available = await self.store.get(reservation.sku)
            await self.store.set(reservation.sku, available + reservation.qty)
        self.reservations.remove(reservation)

    def reserved(self, sku):
        return sum(r.qty for r in self.reservations if r.sku == sku)
