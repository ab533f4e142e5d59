from decimal import Decimal

import pytest

from wallet import CashbackProgram
from wallet.account import InsufficientFunds
from wallet.rates import UnsupportedCurrency


async def test_convert_rounds_to_cents(rates):
    assert await rates.convert("10.005", "USD", "EUR") == Decimal("9.21")


async def test_same_currency_needs_no_lookup(rates):
    assert await rates.convert("5", "EUR", "EUR") == Decimal("5.00")
    assert rates.requests == 0


async def test_unsupported_currency(rates):
    with pytest.raises(UnsupportedCurrency):
        await rates.convert("1", "JPY", "EUR")


async def test_negative_top_up_rejected(wallet):
    with pytest.raises(ValueError):
        await wallet.top_up("-1", "EUR")


async def test_pay_more_than_balance(wallet):
    await wallet.top_up("20", "EUR")
    with pytest.raises(InsufficientFunds):
        await wallet.pay("25", "bakery")


async def test_cashback_only_wallet(wallet):
    program = CashbackProgram([("4.00", "EUR", "cinema")], splay=0.0)
    await program.attach(wallet)
    assert wallet.balance == Decimal("4.00")


async def test_travel_top_ups_with_cashback(wallet):
    program = CashbackProgram([("3.50", "EUR", "rail"), ("2.00", "CHF", "hotel")])
    credit = program.attach(wallet)
    await wallet.top_up("100", "USD", memo="card")
    await wallet.top_up("50", "GBP", memo="card")
    await wallet.top_up("40", "CHF", memo="card")
    await credit
    assert wallet.balance == Decimal("92.10") + Decimal("58.15") + Decimal("42.24") \
        + Decimal("3.50") + Decimal("2.11")
    assert len(wallet.history) == 5
