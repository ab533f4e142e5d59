import pytest


def test_owner_gets_download(service):
    url = service.download_link("a1", "alice")
    assert service.fetch(url) == b"JPEGDATA-alice-holiday"


def test_stranger_cannot_get_link(service):
    with pytest.raises(PermissionError):
        service.preview_link("a1", "bob")


def test_forged_link_forbidden(service):
    url = service.download_link("b7", "bob").replace("/b7", "/a1")
    assert service.try_fetch(url) == (None, "forbidden")


def test_preview_then_second_size_within_ttl(service, transcoder):
    small = service.preview_link("a1", "alice", size="small")
    large = service.preview_link("a1", "alice", size="large")
    body, err = service.try_fetch(small)
    assert err is None and body.endswith(b"<small>")
    # the large rendition is requested right after the small one finished
    body, err = service.try_fetch(large)
    assert err is None, f"preview link rejected: {err}"
    assert transcoder.calls == ["small", "large"]


def test_preview_cached_rendition(service, transcoder):
    first = service.fetch(service.preview_link("b7", "bob"))
    again = service.fetch(service.preview_link("b7", "bob"))
    assert first == again
    assert transcoder.calls == ["small"]
