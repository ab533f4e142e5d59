import pytest

from loyalty import Campaign, run_campaign, tier_for


def test_tiers():
    assert [tier_for(b) for b in (0, 499, 500, 2000, 10**6)] == [
        "bronze", "bronze", "silver", "gold", "platinum"]


def test_award_applies_multiplier(ledger):
    assert ledger.award("m1", 600) == 600
    assert ledger.award("m1", 100) == 110
    assert ledger.tier("m1") == "silver"


def test_redeem(ledger):
    ledger.award("m2", 300)
    ledger.redeem("m2", 120)
    assert ledger.balance("m2") == 180
    with pytest.raises(ValueError):
        ledger.redeem("m2", 1000)


def test_negative_award_rejected(ledger):
    with pytest.raises(ValueError):
        ledger.award("m3", -5)


def test_campaign_uses_promotions_service(live_ledger):
    run_campaign(live_ledger, Campaign("spring", 10), ["ana", "bo", "cy"], workers=3)
    assert live_ledger.promotions.calls == 3
    assert [live_ledger.balance(m) for m in ("ana", "bo", "cy")] == [10, 10, 10]


def test_double_points_weekend_campaign(live_ledger):
    # Two qualifying actions by the same member, handled by different workers.
    run_campaign(live_ledger, Campaign("double-weekend", 40), ["ana", "ana"], workers=2)
    assert live_ledger.balance("ana") == 80
    assert live_ledger.audit("ana")
