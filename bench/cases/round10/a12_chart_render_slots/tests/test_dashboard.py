import pytest

from chartsvc import Busy, concurrency_limit, render_chart


def test_render_returns_compressed_png():
    chart = render_chart("t", [1, 2, 3], width=10, height=10)
    assert chart["title"] == "t" and chart["bytes"] > 0


def test_empty_series_rejected():
    with pytest.raises(ValueError):
        render_chart("t", [], width=10, height=10)


def test_limit_raises_busy_when_full():
    import threading
    gate, inside = threading.Event(), threading.Event()

    @concurrency_limit(1, wait=0.01)
    def hold():
        inside.set()
        gate.wait(1)

    t = threading.Thread(target=hold)
    t.start()
    inside.wait(1)
    try:
        with pytest.raises(Busy):
            hold()
    finally:
        gate.set()
        t.join()


def test_cached_panel_is_reused(dashboard):
    first = dashboard.panel("orders")
    assert dashboard.panel("orders") is first


def test_slots_reported():
    assert render_chart.slots >= 1 and render_chart.__wrapped__.__name__ == "render_chart"


def test_opening_a_panel_while_overview_warms(dashboard):
    dashboard.start_prefetch(["orders", "revenue", "refunds", "signups"])
    chart = dashboard.panel("latency")
    assert chart["title"] == "latency"
    dashboard.join()
    assert set(dashboard.cache) == {"orders", "revenue", "refunds", "signups", "latency"}
