"""Loyalty points ledger shared by the checkout and campaign workers."""
import threading

TIERS = [(0, "bronze"), (500, "silver"), (2000, "gold"), (10000, "platinum")]


def tier_for(balance):
    name = TIERS[0][1]
    for threshold, tier in TIERS:
        if balance >= threshold:
            name = tier
    return name


class StaticPromotions:
    """Tier multipliers without any running promotion."""

    MULTIPLIER = {"bronze": 1.0, "silver": 1.1, "gold": 1.25, "platinum": 1.5}

    def multiplier(self, member, tier):
        return self.MULTIPLIER[tier]


class PointsLedger:
    def __init__(self, promotions=None):
        self.promotions = promotions or StaticPromotions()
        self._balances = {}
        self._history = []
        self._history_lock = threading.Lock()

    def balance(self, member):
        return self._balances.get(member, 0)

    def tier(self, member):
        return tier_for(self.balance(member))

    def award(self, member, base_points, reason="purchase"):
        """Credit points, applying the member's current multiplier."""
        if base_points < 0:
            raise ValueError("use redeem() to take points away")
        current = self._balances.get(member, 0)
        multiplier = self.promotions.multiplier(member, tier_for(current))
        credited = int(round(base_points * multiplier))
        self._balances[member] = current + credited
        with self._history_lock:
            self._history.append((member, reason, credited))
        return credited

    def redeem(self, member, points):
        current = self._balances.get(member, 0)
        if points > current:
            raise ValueError("insufficient points")
        self._balances[member] = current - points
        with self._history_lock:
            self._history.append((member, "redeem", -points))

    def history(self, member):
        with self._history_lock:
            return [e for e in self._history if e[0] == member]

    def audit(self, member):
        """Sum of the history must equal the balance."""
        return sum(p for _, _, p in self.history(member)) == self.balance(member)
