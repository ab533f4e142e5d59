import asyncio
from decimal import Decimal

import pytest

from shopcart import EmptyCart, PaymentDeclined


async def test_total(cart):
    await cart.add("pen", 2)
    await cart.add("ink")
    assert cart.total() == Decimal("9.25")


async def test_empty_cart_cannot_check_out(cart):
    with pytest.raises(EmptyCart):
        await cart.checkout()


async def test_quantity_must_be_positive(cart):
    with pytest.raises(ValueError):
        await cart.add("pen", 0)


async def test_checkout_clears_cart(cart, payments):
    await cart.add("notebook")
    order = await cart.checkout()
    assert order.receipt == "rcpt-1" and cart.items == []
    assert payments.charged == [(Decimal("6.00"), "EUR")]


async def test_declined_payment_keeps_items(cart, payments):
    payments.limit = Decimal("1")
    await cart.add("pen")
    with pytest.raises(PaymentDeclined):
        await cart.checkout()
    assert [i.sku for i in cart.items] == ["pen"]


async def test_add_clicked_during_checkout(cart, payments):
    await cart.add("pen")
    # The shopper taps "add notebook" and "pay" in quick succession.
    await asyncio.gather(cart.add("notebook"), cart.checkout())
    order = cart.orders[0]
    assert order.amount == sum(i.subtotal for i in order.items)
    assert payments.charged == [(order.amount, "EUR")]
