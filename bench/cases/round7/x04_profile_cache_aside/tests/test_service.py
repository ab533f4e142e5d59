import pytest

from profilesvc.db import NotFound


@pytest.mark.asyncio
async def test_second_read_is_served_from_cache(service, db, cache):
    await service.get_profile("u1")
    await service.get_profile("u1")
    assert db.reads == 1
    assert cache.hits == 1


@pytest.mark.asyncio
async def test_update_invalidates(service, cache):
    await service.get_profile("u1")
    await service.update_profile("u1", bio="Analyst")
    assert cache.keys() == []
    assert (await service.get_profile("u1"))["bio"] == "Analyst"


@pytest.mark.asyncio
async def test_rejects_non_editable_fields(service):
    with pytest.raises(ValueError):
        await service.update_profile("u1", email="x@example.test")


@pytest.mark.asyncio
async def test_missing_profile(service):
    assert await service.exists("nobody") is False
    with pytest.raises(NotFound):
        await service.get_profile("nobody")
