from riskscore.rules import RULES
from riskscore.scorer import REVIEW_AT, score


def test_domestic_order_from_known_range_is_clean(order):
    result = score(order(ip="216.160.83.61", billing_country="US", amount=80))
    assert result["hits"] == []
    assert not result["review"]


def test_weights_allow_single_rule_pass():
    assert all(weight < REVIEW_AT for _, _, weight in RULES)
