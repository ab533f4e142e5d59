import pytest

from edgecache.fetcher import OriginBusy, OriginFetcher


def test_fetch_returns_origin_body(fetcher, origin):
    assert fetcher.fetch("/a.png") == origin.get("/a.png")
    assert origin.requests.count("/a.png") == 2


def test_error_is_propagated_and_slot_returned(origin):
    def boom(path):
        raise IOError("origin down")
    origin.get = boom
    fetcher = OriginFetcher(origin, max_concurrent=1, acquire_timeout=0.05)
    for _ in range(3):
        with pytest.raises(IOError):
            fetcher.fetch("/x.png")


def test_busy_when_no_slot_frees_up(origin):
    fetcher = OriginFetcher(origin, max_concurrent=1, acquire_timeout=0.01)
    fetcher._slots.acquire()
    with pytest.raises(OriginBusy):
        fetcher.fetch("/y.png")
