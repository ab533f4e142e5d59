"""Async shopping cart used by the storefront's websocket session handler."""
from dataclasses import dataclass
from decimal import Decimal


class EmptyCart(Exception):
    pass


class PaymentDeclined(Exception):
    pass


@dataclass(frozen=True)
class LineItem:
    sku: str
    qty: int
    unit_price: Decimal

    @property
    def subtotal(self):
        return self.unit_price * self.qty


@dataclass(frozen=True)
class Order:
    items: tuple
    amount: Decimal
    receipt: str


class Cart:
    def __init__(self, catalog, payments, currency="EUR"):
        self.catalog = catalog
        self.payments = payments
        self.currency = currency
        self.items = []
        self.orders = []

    async def add(self, sku, qty=1):
        if qty <= 0:
            raise ValueError("quantity must be positive")
        price = await self.catalog.price(sku)
        self.items.append(LineItem(sku, qty, price))

    def total(self):
        return sum((i.subtotal for i in self.items), Decimal("0"))

    async def checkout(self):
        if not self.items:
            raise EmptyCart()
        amount = self.total()
        receipt = await self.payments.charge(amount, self.currency)
        order = Order(items=tuple(self.items), amount=amount, receipt=receipt)
        self.items.clear()
        self.orders.append(order)
        return order
