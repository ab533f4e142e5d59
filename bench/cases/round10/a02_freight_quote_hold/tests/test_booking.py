import pytest

from freightq.booking import BookingDesk, CreditRefused, QuoteExpired
from freightq.holds import HoldTable
from freightq.quotes import QuoteEngine, UnknownLane


def test_price_applies_fuel_surcharge():
    q = QuoteEngine().price("DEHAM", "PLGDN", 1000)
    assert q.price == round(1.35 * 100 * 1.12, 2)
    assert q.currency == "EUR"


def test_small_parcel_pays_minimum_charge():
    assert QuoteEngine().price("NLRTM", "BEANR", 20).price == 45.00


def test_unknown_lane():
    with pytest.raises(UnknownLane):
        QuoteEngine().price("DEHAM", "USNYC", 100)


def test_hold_lapses_on_manual_clock():
    now = [100.0]
    table = HoldTable(hold_for=30, clock=lambda: now[0])
    qid = table.hold("quote")
    now[0] += 31
    assert table.take(qid) is None


def test_purge_drops_only_stale_holds():
    now = [0.0]
    table = HoldTable(hold_for=10, clock=lambda: now[0])
    table.hold("a")
    now[0] = 5
    table.hold("b")
    now[0] = 12
    assert table.purge() == 1


def test_customer_over_limit_is_refused(desk):
    qid, q = desk.quote("FRLEH", "ESBCN", 2000)
    with pytest.raises(CreditRefused):
        desk.book("northwind", qid, q.price)


def test_booking_a_fresh_quote(desk, bureau):
    qid, q = desk.quote("DEHAM", "NLRTM", 800)
    ref = desk.book("contoso", qid, q.price)
    assert ref == "BK-0001"
    assert desk.bookings[0].quote == q
    assert bureau.calls == 1


def test_quote_cannot_be_booked_twice(bureau):
    desk = BookingDesk(QuoteEngine(), bureau, holds=HoldTable(hold_for=60))
    qid, q = desk.quote("DEHAM", "NLRTM", 10)
    desk.book("contoso", qid, q.price)
    with pytest.raises(QuoteExpired):
        desk.book("contoso", qid, q.price)
