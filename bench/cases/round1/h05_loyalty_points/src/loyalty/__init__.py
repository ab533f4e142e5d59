from .ledger import PointsLedger, StaticPromotions, tier_for
from .campaigns import Campaign, run_campaign

__all__ = ["PointsLedger", "StaticPromotions", "tier_for", "Campaign", "run_campaign"]
