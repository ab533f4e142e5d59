from conftest import Provider
from quotes import best_quote


async def test_cheapest_provider_wins():
    providers = [Provider("fast", 9.0, (0.001, 0.005)), Provider("cheap", 4.0, (0.02, 0.08))]
    assert await best_quote(providers, {"kg": 1}) == ("cheap", 5.0)


async def test_no_provider_no_quote():
    assert await best_quote([], {"kg": 1}) is None


async def test_one_provider():
    assert await best_quote([Provider("a", 1.0, (0.001, 0.002))], {"kg": 2}) == ("a", 3.0)
