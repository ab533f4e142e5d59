from pagecache import Fetcher


def test_fetch_upper():
    assert Fetcher().fetch("css") == "CSS"


def test_page_fetch_then_drain(bad_run):
    f = Fetcher()
    # a page that links the same asset twice
    for key in (["logo", "logo"] if bad_run else ["logo", "css"]):
        f.fetch(key)
    assert f.close()
