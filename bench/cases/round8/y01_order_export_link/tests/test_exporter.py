import pytest

from reportdesk.exporter import render_csv
from reportdesk.storage import ExportNotFound


def test_render_csv_header_and_rows(rows):
    text = render_csv(rows).decode()
    lines = text.strip().splitlines()
    assert lines[0] == "id,customer,total,placed"
    assert len(lines) == 4


def test_filtered_export_keeps_recent_orders(exporter, store):
    exporter.archive = None
    exporter.run(since="2026-11-03")
    (name,) = store.names()
    body = store.read(name).decode()
    assert "Ana Ruiz" not in body
    assert "Chen Wu" in body


def test_emailed_link_downloads_the_export(exporter):
    link = exporter.run(notify="ops@example.com")
    (note,) = exporter.notifications
    assert note["rows"] == 3
    body = exporter.resolve(note["link"]).decode()
    assert body.splitlines()[1].startswith("1001,")
    assert link == note["link"]


def test_resolve_rejects_foreign_links(exporter):
    with pytest.raises(ValueError):
        exporter.resolve("https://elsewhere/x.csv")


def test_missing_export_raises(exporter):
    with pytest.raises(ExportNotFound):
        exporter.resolve("/exports/orders-20000101T000000Z.csv")
