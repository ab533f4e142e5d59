import asyncio
import random

from linkcheck import LinkChecker
from linkcheck.fetch import fetch


async def test_finds_broken_link_with_referrer(checker):
    assert await checker.broken_links() == [("/docs/old-api", ["/docs/api"])]


async def test_every_page_fetched_once(checker, site):
    status, _ = await checker.crawl()
    assert len(status) == 10
    assert all(count == 1 for count in site.hits.values())


async def test_check_many_keeps_request_order(checker):
    paths = ["/pricing", "/nope", "/", "/about", "/gone"]
    random.shuffle(paths)
    result = await checker.check_many(paths)
    assert list(result) == paths
    assert {p for p, c in result.items() if c == 404} == {"/nope", "/gone"}


async def test_parallel_crawls_independent(site):
    a, b = LinkChecker(site.port, workers=2), LinkChecker(site.port, workers=5)
    (sa, _), (sb, _) = await asyncio.gather(a.crawl(), b.crawl())
    assert sa == sb
    assert a.run_id != b.run_id


async def test_fetch_parses_links(site):
    code, links = await fetch(site.port, "/docs")
    assert code == 200
    assert sorted(links) == ["/", "/docs/api", "/docs/install"]
