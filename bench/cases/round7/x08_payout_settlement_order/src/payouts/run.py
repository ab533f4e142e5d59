"""Daily payout run: settle every merchant's captured payments."""
import random
from dataclasses import dataclass

from .ledger import group_by_merchant

FEE_RATE = 0.015


@dataclass
class Payout:
    merchant: str
    gross: float
    fee: float
    count: int

    @property
    def net(self):
        return round(self.gross - self.fee, 2)


class SettlementRun:
    def __init__(self, entries, fee_rate=FEE_RATE):
        self.entries = list(entries)
        self.fee_rate = fee_rate
        self.payouts = {}
        self.total = 0.0

    def _settle(self, merchant, entries):
        gross = sum(e.amount for e in entries)
        fee = round(max(gross, 0.0) * self.fee_rate, 2)
        return Payout(merchant, gross, fee, len(entries))

    def run(self):
        batches = list(group_by_merchant(self.entries).items())
        # merchants are settled in no particular order so that one large
        # merchant does not always delay the others
        random.shuffle(batches)
        for merchant, entries in batches:
            payout = self._settle(merchant, entries)
            self.payouts[merchant] = payout
            self.total += payout.gross
        return self

    def net_for(self, merchant):
        return self.payouts[merchant].net
