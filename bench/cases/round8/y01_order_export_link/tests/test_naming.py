from datetime import timezone

from reportdesk.naming import export_name, parse_export_name


def test_export_name_has_prefix_and_extension():
    name = export_name("customers", ext="json")
    assert name.startswith("cust-")
    assert name.endswith(".json")


def test_export_name_round_trips():
    prefix, when, ext = parse_export_name(export_name("refunds"))
    assert prefix == "refunds"
    assert ext == "csv"
    assert when.tzinfo == timezone.utc
