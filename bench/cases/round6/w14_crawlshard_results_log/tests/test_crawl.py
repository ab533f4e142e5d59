import io

from crawlshard import crawl, read_results, shard_urls
from crawlshard.pages import extract, fake_fetch
from crawlshard.resultlog import append_result


def test_shards_cover_every_url_once(site_urls):
    buckets = shard_urls(site_urls, 3)
    assert sorted(u for b in buckets for u in b) == sorted(site_urls)


def test_extract_fields():
    rec = extract("https://x.test/", fake_fetch("https://x.test/"))
    assert rec["url"] == "https://x.test/"
    assert len(rec["digest"]) == 32
    assert rec["length"] > 10000


def test_append_result_is_one_line():
    buf = io.StringIO()
    append_result(buf, {"url": "u", "n": 1})
    assert buf.getvalue() == '{"n": 1, "url": "u"}\n'


def test_single_shard_crawl(results_path, site_urls):
    crawl(site_urls[:5], results_path, shards=1)
    assert [r["url"] for r in read_results(results_path)] == site_urls[:5]


def test_parallel_crawl_collects_every_page(results_path, site_urls):
    assert crawl(site_urls, results_path, shards=2) == 2
    results = read_results(results_path)
    assert sorted(r["url"] for r in results) == sorted(site_urls)


def test_report_flags_duplicate_bodies():
    body = fake_fetch("https://a.test/x")
    results = [extract("https://a.test/x", body), extract("https://b.test/y", body),
               extract("https://a.test/z", fake_fetch("https://a.test/z"))]
    from crawlshard.report import crawl_report

    report = crawl_report(results)
    assert report["pages"] == 3
    assert report["hosts"] == {"a.test": 2, "b.test": 1}
    assert report["duplicate_pages"] == ["https://a.test/x", "https://b.test/y"]
