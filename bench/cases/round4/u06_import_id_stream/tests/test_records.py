import pytest

from bulkimport.records import BadRow, parse_rows


def test_parse_normalises_fields():
    rows = list(parse_rows("name,email,country\n Ann ,ANN@Example.COM,de\n"))
    assert rows == [("Ann", "ann@example.com", "DE")]


@pytest.mark.parametrize(
    "line, message",
    [(",a@b.de,DE", "empty name"), ("Bo,not-an-email,DE", "bad email"), ("Cy,c@d.fr,FRA", "bad country")],
)
def test_bad_rows(line, message):
    with pytest.raises(BadRow, match=message):
        list(parse_rows("name,email,country\n" + line + "\n"))
