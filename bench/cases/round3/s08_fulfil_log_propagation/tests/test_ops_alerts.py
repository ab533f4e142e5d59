import logging

from fulfil import Allocator, Warehouse


def test_backorder_is_logged_for_ops(warehouses, caplog):
    caplog.set_level(logging.WARNING)
    Allocator(warehouses).allocate([("desk", 3)])
    assert "backorder desk x2" in caplog.text


def test_no_warning_when_fully_allocated(warehouses, caplog):
    caplog.set_level(logging.WARNING)
    Allocator(warehouses).allocate([("chair", 1)])
    assert caplog.records == []


def test_allocation_order_configurable(caplog):
    near, far = Warehouse("BER", {"desk": 1}), Warehouse("CGN", {"desk": 5})
    picks, _ = Allocator([far, near]).allocate([("desk", 1)])
    assert picks == [("CGN", "desk", 1)]
