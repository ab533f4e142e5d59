from conftest import make_album


def test_export_manifest(exporter, holiday):
    manifest = exporter.export(holiday).result(timeout=2)
    assert manifest["title"] == "Summer 2026"
    assert [r["photo"] for r in manifest["renders"]] == [p.photo_id for p in holiday.photos]


def test_empty_album(exporter):
    assert exporter.export(make_album("empty", 0)).result(timeout=1)["renders"] == []


def test_user_export_while_cloud_sync_runs(exporter, holiday, background_sync):
    manifest = exporter.export(holiday).result(timeout=2)
    assert len(manifest["renders"]) == 6
    assert "holiday" in exporter.exported
