import pytest

from shipquote import Carrier, QuoteBoard


async def test_single_carrier(parcel):
    board = QuoteBoard([Carrier("gls", 500, 100, (0.0, 0.005))])
    assert await board.quotes(parcel) == {"gls": 750}


async def test_carrier_outage_skipped(parcel):
    board = QuoteBoard([Carrier("gls", 500, 100, (0.0, 0.005), up=False)])
    with pytest.raises(LookupError):
        await board.best(parcel)


async def test_every_carrier_asked_once(board, carriers, parcel):
    await board.quotes(parcel)
    assert [c.calls for c in carriers] == [1, 1, 1]


async def test_quotes_keyed_by_carrier(board, carriers, parcel):
    quotes = await board.quotes(parcel)
    assert quotes == {c.code: c.price(parcel) for c in carriers}


async def test_heavy_parcel_only_asks_eligible_carriers(board, carriers):
    from shipquote import Parcel
    await board.quotes(Parcel(weight_kg=40.0, dest_country="DE"))
    assert [c.calls for c in carriers] == [0, 0, 1]
