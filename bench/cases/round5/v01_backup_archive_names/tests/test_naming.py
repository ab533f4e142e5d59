import pytest

from dbbackup.naming import archive_name, parse_archive_name


def test_archive_name_uses_utc_stamp():
    assert archive_name("shop", when=0) == "shop-19700101-000000.json.gz"


def test_parse_round_trip():
    name = archive_name("shop", when=1_700_000_000)
    assert parse_archive_name(name) == ("shop", "20231114-221320")


def test_parse_rejects_foreign_files():
    with pytest.raises(ValueError):
        parse_archive_name("notes.txt")
