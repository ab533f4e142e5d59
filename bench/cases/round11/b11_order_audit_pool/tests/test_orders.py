import pytest

from orderdesk import OrderLine


def test_empty_order_is_refused(service):
    with pytest.raises(ValueError):
        service.place("c-1", [])


def test_audit_trail_is_written(service, db):
    order_id = service.place("c-2", [OrderLine("TEA-01", 3, 450)])
    service.close()
    assert db.rows["orders"] == [(order_id, "c-2", 1350)]
    assert db.rows["audit_log"][0][1] == "order:%d" % order_id


def test_customer_places_three_orders_in_a_row(service, db):
    ids = [service.place("c-3", [OrderLine("MUG-%d" % n, 1, 900)]) for n in range(3)]
    assert ids == [1000, 1001, 1002]
    assert len(db.rows["orders"]) == 3
