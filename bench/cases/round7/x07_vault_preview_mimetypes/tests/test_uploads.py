def test_markdown_downloads_as_attachment(vault, readme_bytes):
    obj = vault.upload("README.md", readme_bytes)
    headers = vault.download_headers(obj.key)
    assert headers["Content-Type"] == "text/markdown"
    assert headers["Content-Disposition"] == 'attachment; filename="README.md"'


def test_png_is_served_inline(vault):
    obj = vault.upload("logo.png", b"\x89PNG....")
    headers = vault.download_headers(obj.key)
    assert headers["Content-Type"] == "image/png"
    assert headers["Content-Disposition"].startswith("inline")


def test_gzip_is_opaque(vault):
    obj = vault.upload("dump.sql.gz", b"\x1f\x8b...")
    assert obj.content_type == "application/octet-stream"


def test_unknown_extension(vault):
    assert vault.upload("data.qzx", b"??").content_type == "application/octet-stream"


def test_etag_is_content_hash(vault):
    a = vault.upload("a.txt", b"same")
    b = vault.upload("b.txt", b"same")
    assert a.etag == b.etag
