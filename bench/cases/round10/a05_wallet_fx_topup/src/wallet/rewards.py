import asyncio
import random
from decimal import Decimal


class CashbackProgram:
    """Credits pending cashback to a wallet shortly after the app opens."""

    def __init__(self, pending, splay=0.1):
        self.pending = list(pending)
        self.splay = splay
        self.credited = []

    async def _credit_pending(self, wallet):
        await asyncio.sleep(random.uniform(0, self.splay))
        for amount, currency, partner in self.pending:
            await wallet.top_up(amount, currency, memo=f"cashback:{partner}")
            self.credited.append(partner)

    def attach(self, wallet):
        return asyncio.get_running_loop().create_task(self._credit_pending(wallet))

    @staticmethod
    def total_eur(credits):
        return sum((Decimal(a) for a, _, _ in credits), Decimal("0"))
