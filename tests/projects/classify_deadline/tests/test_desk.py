from quotes import Desk


def test_quote_is_held():
    desk = Desk()
    assert desk.quote(10) in desk.holds._held


def test_booking_a_fresh_quote(bad_run):
    desk = Desk()
    key = desk.quote(120)
    assert desk.book(key, 0.09 if bad_run else 0.005) == {"amount": 120}
