from pickwave import build_wave
from pickwave.fairness import by_customer


def test_capacity_is_respected(make_order):
    orders = [make_order(f"o{i}", "acme", units=15) for i in range(4)]
    wave = build_wave(orders, capacity=40)
    assert wave.units == 30
    assert len(wave.deferred) == 2


def test_oversized_order_is_deferred(make_order):
    wave = build_wave([make_order("big", "acme", units=90)], capacity=40)
    assert wave.orders == []
    assert [o.order_id for o in wave.deferred] == ["big"]


def test_same_day_before_standard(make_order):
    orders = [make_order("s1", "acme"), make_order("d1", "zed", service="same_day")]
    assert build_wave(orders).order_ids()[0] == "d1"


def test_one_customer_cannot_fill_the_wave(make_order):
    orders = [make_order(f"m{i}", "megastore", units=10) for i in range(6)]
    orders.append(make_order("small", "corner-shop", units=10))
    wave = build_wave(orders, capacity=40)
    assert "small" in wave.order_ids()


def test_by_customer_keeps_arrival_order(make_order):
    a, b, c = make_order("a", "x"), make_order("b", "y"), make_order("c", "x")
    assert [o.order_id for o in by_customer([c, b, a])["x"]] == ["a", "c"]


def test_zones_listed(make_order):
    wave = build_wave([make_order("1", "x", zone="C"), make_order("2", "y", zone="A")])
    assert wave.zones() == ["A", "C"]


def test_equal_priority_orders_picked_first_come_first_served(make_order):
    first = make_order("first", "bookshop", units=20)
    second = make_order("second", "toyshop", units=20)
    wave = build_wave([second, first], capacity=40)
    assert wave.order_ids() == ["first", "second"]
