from helpers import use_geo_table
from riskscore import geoip
from riskscore.scorer import score


def test_matching_country_is_clean(order, monkeypatch):
    monkeypatch.setattr(geoip, "lookup", lambda ip: "DE")
    assert score(order(ip="198.51.100.7", billing_country="DE"))["score"] == 0


def test_mismatch_and_high_risk_go_to_review(order):
    use_geo_table({"203.0.113.9": "BT"})
    result = score(order(ip="203.0.113.9", billing_country="DE"))
    assert result["review"]
    assert result["hits"][:2] == ["country_mismatch", "high_risk_origin"]
