import pytest

from stockd.checkout import flash_sale, place_order
from stockd.reservations import OutOfStock, ReservationService


async def test_reserve_decrements_stock(service, store):
    await service.reserve("o1", "MUG-BLUE", 3)
    assert store.snapshot()["MUG-BLUE"] == 7


async def test_reserve_more_than_available(service):
    with pytest.raises(OutOfStock):
        await service.reserve("o1", "TEE-M", 3)


async def test_failed_order_releases_earlier_lines(service, store):
    with pytest.raises(OutOfStock):
        await place_order(service, "o2", [("MUG-RED", 2), ("TEE-M", 5)])
    assert store.snapshot()["MUG-RED"] == 4
    assert service.reservations == []


async def test_release_returns_stock(service, store):
    res = await service.reserve("o3", "MUG-BLUE", 4)
    await service.release(res)
    assert store.snapshot()["MUG-BLUE"] == 10


async def test_flash_sale_stock_matches_reservations(remote_store):
    service = ReservationService(remote_store)
    orders = [(f"sale-{i}", [("LAMP-OAK", 1), ("LAMP-ASH", 2)]) for i in range(2)]
    results = await flash_sale(service, orders, think=(0.0, 0.08))
    assert not [r for r in results if isinstance(r, Exception)]
    level = remote_store.snapshot()
    assert level["LAMP-OAK"] == 50 - service.reserved("LAMP-OAK")
    assert level["LAMP-ASH"] == 50 - service.reserved("LAMP-ASH")
