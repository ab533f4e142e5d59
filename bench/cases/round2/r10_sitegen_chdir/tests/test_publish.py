def test_build_writes_published_pages(blog):
    from sitegen import build_site

    written = build_site(blog)
    assert [p.name for p in written] == ["hello-world.html"]
    html = written[0].read_text()
    assert "<title>Hello | Field Notes</title>" in html
    assert "<p>More text.</p>" in html


def test_missing_site_directory(tmp_path):
    import pytest

    from sitegen import build_site

    with pytest.raises(FileNotFoundError):
        build_site(tmp_path / "no-such-site")
