import asyncio

from quoteagg import OrderPipeline


async def test_quotes_are_filed_under_their_venue(aggregator):
    prices = await aggregator.quotes("ACME", 100)
    assert prices == {"alpha": 100.4, "bravo": 100.2, "charlie": 100.3}


async def test_best_quote_is_cheapest(aggregator):
    best = await aggregator.best("ACME", 10)
    assert best.venue == "bravo"
    assert best.considered == 3


async def test_down_venue_is_skipped(aggregator, venues):
    venues[1][0].down = True
    best = await aggregator.best("ACME", 10)
    assert best.venue == "charlie"
    assert best.considered == 2


async def test_concurrent_requests_do_not_mix(aggregator):
    results = await asyncio.gather(*(aggregator.quotes("ACME", q) for q in (1, 500, 1000)))
    assert [r["bravo"] for r in results] == [100.101, 100.6, 101.1]


async def test_pipeline_routes_every_order(aggregator):
    orders = [(f"o{i}", "ACME", 10 + i) for i in range(12)]
    routed = await OrderPipeline(aggregator).route_all(orders)
    assert sorted(routed) == sorted(o[0] for o in orders)
    assert set(routed.values()) == {"bravo"}
