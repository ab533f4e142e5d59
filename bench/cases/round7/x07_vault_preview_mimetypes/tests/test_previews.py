def test_binary_preview_summary(vault):
    obj = vault.upload("scan.pdf", b"%PDF-1.7 ...")
    assert vault.preview(obj.key) == "<binary application/pdf, 12 bytes>"


def test_no_preview_for_archives(vault):
    obj = vault.upload("site.zip", b"PK..")
    assert vault.preview(obj.key) is None


def test_inline_text_preview_is_truncated(preview_vault, readme_bytes):
    obj = preview_vault.upload("NOTES.md", readme_bytes)
    assert preview_vault.preview(obj.key) == "# Project\n\nSee docs/ for the han"


def test_plain_text_preview(vault):
    obj = vault.upload("todo.txt", b"milk\neggs\n")
    assert vault.preview(obj.key) == "milk\neggs\n"
