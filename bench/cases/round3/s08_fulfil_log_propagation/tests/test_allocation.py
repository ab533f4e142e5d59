import logging

from fulfil import Allocator


def test_nearest_first(warehouses):
    picks, back = Allocator(warehouses).allocate([("chair", 2)])
    assert picks == [("HAM", "chair", 2)]
    assert back == []


def test_split_across_warehouses(warehouses):
    picks, _ = Allocator(warehouses).allocate([("chair", 5)])
    assert picks == [("HAM", "chair", 3), ("MUC", "chair", 2)]


def test_unknown_sku_is_backordered(warehouses):
    _, back = Allocator(warehouses).allocate([("sofa", 1)])
    assert back[0].qty == 1


def test_stock_decremented(warehouses):
    Allocator(warehouses).allocate([("lamp", 3)])
    assert warehouses[1].available("lamp") == 1
