import pytest

from stockdb import NightlyImport
from stockdb.importer import BadRow, parse_feed
from stockdb.service import OutOfStock

from conftest import BAD_FEED, GOOD_FEED


def test_parse_feed_normalises_sku():
    assert parse_feed(GOOD_FEED) == [("MUG-01", 40), ("TEE-M", 15)]


def test_parse_feed_rejects_text_quantity():
    with pytest.raises(BadRow):
        parse_feed(BAD_FEED)


async def test_pick_more_than_available(service):
    with pytest.raises(OutOfStock):
        await service.pick("tee-m", 5)


async def test_good_feed_is_applied(service, conn):
    job = NightlyImport(conn, GOOD_FEED, splay=0)
    assert await job.run() == "applied"
    assert await service.level("mug-01") == 40


async def test_bad_feed_changes_nothing(service, conn):
    job = NightlyImport(conn, BAD_FEED, splay=0)
    assert await job.run() == "rejected"
    assert await service.level("mug-01") == 10


async def test_goods_receipt_during_nightly_import(service, conn):
    job = NightlyImport(conn, BAD_FEED)
    service.schedule(job)
    assert await service.receive("tee-m", 6) == 9
    await service.drain()
    assert job.outcome == "rejected"
    assert await service.level("tee-m") == 9
