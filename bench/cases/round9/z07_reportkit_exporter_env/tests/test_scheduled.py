def test_export_all_empty(service):
    assert service.export_all([]) == []


def test_nightly_export_lands_in_configured_dir(service, sales_report, output_dir):
    paths = service.export_all([sales_report])
    assert paths == [output_dir / "weekly-sales-20260302.csv"]
    assert paths[0].exists()
