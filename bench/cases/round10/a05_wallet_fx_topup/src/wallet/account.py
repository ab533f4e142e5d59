from decimal import Decimal


class InsufficientFunds(Exception):
    pass


class Wallet:
    """A customer's EUR wallet that accepts top-ups in other currencies."""

    def __init__(self, owner, rates, currency="EUR"):
        self.owner = owner
        self.rates = rates
        self.currency = currency
        self.balance = Decimal("0.00")
        self.history = []

    async def top_up(self, amount, currency, memo=""):
        if Decimal(amount) <= 0:
            raise ValueError("top-up must be positive")
        self.balance += await self.rates.convert(amount, currency, self.currency)
        self.history.append(("top_up", Decimal(amount), currency, memo))
        return self.balance

    async def pay(self, amount, merchant):
        amount = Decimal(amount)
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner}: {amount} > {self.balance}")
        self.balance -= amount
        self.history.append(("pay", amount, self.currency, merchant))
        return self.balance
