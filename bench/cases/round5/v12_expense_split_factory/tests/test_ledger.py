from decimal import Decimal

from factories import expense_kwargs


def test_balances_after_exact_split(trip):
    trip.add_exact("cabin", "noor", "300.00", {"noor": "100", "pia": "120", "quentin": "80"})
    assert trip.balances() == {"noor": Decimal("200.00"), "pia": Decimal("-120.00"), "quentin": Decimal("-80.00")}


def test_settle_up_pays_back_creditor(trip):
    trip.add_exact("fuel", "pia", "60.00", {"noor": "30", "pia": "0", "quentin": "30"})
    assert sorted(trip.settle_up()) == [("noor", "pia", Decimal("30.00")), ("quentin", "pia", Decimal("30.00"))]


def test_shared_dinner_balances_to_zero(couple):
    couple.add_equal(**expense_kwargs(couple.members))
    assert sum(couple.balances().values()) == Decimal("0")


def test_everyone_appears_in_balances(trip):
    trip.add_equal(**expense_kwargs(trip.members, total=Decimal("12.00")))
    assert set(trip.balances()) == {"noor", "pia", "quentin"}
