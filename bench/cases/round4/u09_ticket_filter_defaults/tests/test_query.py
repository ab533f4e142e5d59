from datetime import date

from helpdesk.query import build_filters, matches, sort_key
from helpdesk.tickets import Ticket


def _t(**kw):
    base = dict(id=1, subject="s", status="open", priority="normal", team="it", opened=date(2026, 1, 1))
    base.update(kw)
    return Ticket(**base)


def test_status_list_is_split():
    assert build_filters(status="open,pending", base={}) == {"status": {"open", "pending"}}


def test_matches_all_filters():
    f = {"status": {"open"}, "team": {"it"}}
    assert matches(_t(), f)
    assert not matches(_t(team="apps"), f)


def test_sort_key_puts_urgent_first():
    a, b = _t(id=1, priority="normal"), _t(id=2, priority="urgent")
    assert sorted([a, b], key=sort_key)[0].id == 2


def test_empty_filters_match():
    assert matches(_t(), {})
