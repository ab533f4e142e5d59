import asyncio

from shop import Cart


async def shopper(cart, delay):
    await asyncio.sleep(delay)
    await cart.add("book")
    await asyncio.sleep(0.001)


async def syncer(cart, delay):
    await asyncio.sleep(delay)
    await cart.add("pen")
    await asyncio.sleep(0.001)


async def scenario(overlap):
    cart = Cart()
    await asyncio.gather(shopper(cart, 0.001), syncer(cart, 0.002 if overlap else 0.02))
    return cart.items


def test_single_add():
    cart = Cart()
    asyncio.run(cart.add("x"))
    assert cart.items == ["x"]


def test_both_items_kept(bad_run):
    assert sorted(asyncio.run(scenario(bad_run))) == ["book", "pen"]
