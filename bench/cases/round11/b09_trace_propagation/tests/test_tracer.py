from spanlite import Tracer

from conftest import Service


def test_nested_spans_share_trace(exported, seeded_ids):
    tracer = Tracer("web", exported, ids=seeded_ids)
    with tracer.span("request"):
        with tracer.span("db"):
            pass
    db, request = exported
    assert db.context.trace_id == request.context.trace_id
    assert db.parent_id == request.context.span_id
    assert request.duration >= 0


def test_inject_outside_span_adds_nothing(exported):
    assert Tracer("web", exported).inject({}) == {}


def test_seeded_services_propagate(exported, seeded_ids):
    db = Service("db", exported, ids=seeded_ids)
    api = Service("api", exported, downstream=[(db, "query")], ids=seeded_ids)
    api.handle("/orders", {})
    assert len({s.context.trace_id for s in exported}) == 1


def test_checkout_trace_spans_three_services(exported):
    payments = Service("payments", exported)
    inventory = Service("inventory", exported)
    orders = Service("orders", exported, downstream=[(inventory, "reserve"), (payments, "charge"),
                                                     (inventory, "commit")])
    gateway = Service("gateway", exported, downstream=[(orders, "checkout"), (inventory, "stock"),
                                                       (orders, "confirm")])
    gateway.handle("POST /checkout", {})
    traces = {s.context.trace_id for s in exported}
    assert len(traces) == 1
    services = {s.service for s in exported}
    assert services == {"gateway", "orders", "inventory", "payments"}
