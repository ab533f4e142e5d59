from decimal import Decimal

import pytest

from shiprates.quote import NotServed, billable_weight, quote


def test_volumetric_weight_wins_for_bulky_parcels(parcel):
    assert billable_weight(parcel(dims=(60, 40, 40), kg="2")) == Decimal("19.2")


def test_domestic_small_parcel(rate_card, parcel):
    assert quote(rate_card, parcel()) == Decimal("4.99")


def test_unserved_country(rate_card, parcel):
    with pytest.raises(NotServed):
        quote(rate_card, parcel(country="BR"))


def test_eu_parcel_price(rate_card, parcel):
    assert quote(rate_card, parcel(country="FR", kg="4.5")) == Decimal("13.99")


def test_too_heavy_for_world_zone(rate_card, parcel):
    with pytest.raises(NotServed, match="exceeds"):
        quote(rate_card, parcel(country="US", kg="7"))
