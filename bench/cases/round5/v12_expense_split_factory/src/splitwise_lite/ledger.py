from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .money import to_money
from .splits import equal_shares, exact_shares, weighted_shares


@dataclass
class Expense:
    description: str
    paid_by: str
    total: Decimal
    shares: dict = field(default_factory=dict)


class GroupLedger:
    def __init__(self, members):
        self.members = list(members)
        self.expenses = []

    def add_equal(self, description, paid_by, total, among=None):
        total = to_money(total)
        shares = equal_shares(total, among or self.members)
        return self._record(Expense(description, paid_by, total, shares))

    def add_weighted(self, description, paid_by, total, weights):
        total = to_money(total)
        return self._record(Expense(description, paid_by, total, weighted_shares(total, weights)))

    def add_exact(self, description, paid_by, total, amounts):
        total = to_money(total)
        return self._record(Expense(description, paid_by, total, exact_shares(total, amounts)))

    def _record(self, expense):
        self.expenses.append(expense)
        return expense

    def balances(self):
        """Positive: the group owes you. Negative: you owe the group."""
        bal = defaultdict(Decimal)
        for exp in self.expenses:
            bal[exp.paid_by] += exp.total
            for person, share in exp.shares.items():
                bal[person] -= share
        return {m: bal[m] for m in self.members}

    def settle_up(self):
        """Greedy list of (debtor, creditor, amount) transfers."""
        bal = self.balances()
        debtors = sorted((b, p) for p, b in bal.items() if b < 0)
        creditors = sorted(((b, p) for p, b in bal.items() if b > 0), reverse=True)
        transfers = []
        while debtors and creditors:
            d_amt, debtor = debtors.pop(0)
            c_amt, creditor = creditors.pop(0)
            amount = min(-d_amt, c_amt)
            transfers.append((debtor, creditor, amount))
            if -d_amt > amount:
                debtors.insert(0, (d_amt + amount, debtor))
            if c_amt > amount:
                creditors.insert(0, (c_amt - amount, creditor))
        return transfers
