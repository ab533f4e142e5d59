from conftest import Carrier
from quotes import best_quote


async def test_cheapest_carrier_wins():
    carriers = [Carrier("fast", 9.0, (0.001, 0.005)), Carrier("cheap", 4.0, (0.02, 0.08))]
    assert await best_quote(carriers, {"kg": 1}) == ("cheap", 5.0)


async def test_no_carrier_no_quote():
    assert await best_quote([], {"kg": 1}) is None


async def test_one_carrier():
    assert await best_quote([Carrier("a", 1.0, (0.001, 0.002))], {"kg": 2}) == ("a", 3.0)
