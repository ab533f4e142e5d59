import pytest

from tracekit.handlers import CheckoutHandler, OutOfStock


def _order(lines, total=10):
    return {"id": "o-1", "lines": lines, "total": total}


def test_trace_has_nested_spans(full_tracer, exporter, inventory):
    CheckoutHandler(full_tracer, inventory).handle(_order({"mug": 1}))
    (spans,) = exporter.traces.values()
    names = sorted(s.name for s in spans)
    assert names == ["POST /checkout", "inventory.reserve", "payment.charge"]
    root = next(s for s in spans if s.parent_id is None)
    assert all(s.parent_id == root.span_id for s in spans if s is not root)


def test_successful_checkout_updates_inventory(tracer, inventory):
    assert CheckoutHandler(tracer, inventory).handle(_order({"mug": 2}))["status"] == "confirmed"
    assert inventory["mug"] == 1


def test_out_of_stock_error_trace_is_kept(tracer, exporter, inventory):
    with pytest.raises(OutOfStock):
        CheckoutHandler(tracer, inventory).handle(_order({"tee": 2}))
    assert len(exporter.traces) == 1, "error traces must always be exported"
    (spans,) = exporter.traces.values()
    failed = [s for s in spans if s.status == "error"]
    assert {s.name for s in failed} == {"inventory.reserve", "POST /checkout"}
