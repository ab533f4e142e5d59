from decimal import Decimal

from shiprates.quote import quote
from shiprates.ratecard import apply_surcharge


def test_domestic_not_surcharged_by_eu_campaign(rate_card, parcel):
    assert quote(rate_card, parcel(country="DE", kg="4")) == Decimal("6.99")


def test_peak_season_surcharge_on_eu(rate_card, parcel):
    apply_surcharge(rate_card, 10, zones={"eu1", "eu2"})
    assert quote(rate_card, parcel(country="AT", kg="1")) == Decimal("10.99")
