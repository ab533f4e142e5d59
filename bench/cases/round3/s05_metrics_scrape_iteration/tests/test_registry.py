def test_inc_accumulates(registry):
    registry.inc("jobs", queue="mail")
    registry.inc("jobs", 2, queue="mail")
    assert registry.value("jobs", queue="mail") == 3


def test_label_order_irrelevant(registry):
    registry.inc("x", a="1", b="2")
    registry.inc("x", b="2", a="1")
    assert len(registry.series) == 1


def test_wrap_records_status(registry, metrics):
    handler = metrics.wrap("/api/cart", lambda: (201, "ok"))
    assert handler() == (201, "ok")
    assert registry.value("http_requests_total", route="/api/cart", status="201") == 1
