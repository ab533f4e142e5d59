from . import geoip

HIGH_RISK = {"BT", "??"}


def country_mismatch(order):
    return geoip.lookup(order["ip"]) not in (order["billing_country"], "LAN")


def high_risk_origin(order):
    return geoip.lookup(order["ip"]) in HIGH_RISK


def large_amount(order):
    return order["amount"] >= 1000


RULES = [
    ("country_mismatch", country_mismatch, 40),
    ("high_risk_origin", high_risk_origin, 35),
    ("large_amount", large_amount, 20),
]
