from decimal import Decimal

from shiprates.ratecard import apply_surcharge, load_rate_card


def test_tiers_sorted_and_decimal(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"carrier": "X", "currency": "EUR", "zones": {"z": [[5, 2.5], [1, 1.0]]}}')
    card = load_rate_card(path)
    assert card["zones"]["z"] == [[Decimal("1"), Decimal("1.0")], [Decimal("5"), Decimal("2.5")]]


def test_surcharge_rounds_to_cents(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"carrier": "X", "currency": "EUR", "zones": {"z": [[1, 9.99]]}}')
    card = apply_surcharge(load_rate_card(path), 7.5)
    assert card["zones"]["z"][0][1] == Decimal("10.74")
