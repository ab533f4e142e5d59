from decimal import Decimal

from fxpricing import Line, price_cart


def test_small_cart_in_euro(rates):
    cart = [Line("BOOK-1", 2, Decimal("10.00"), "EUR")]
    assert price_cart(rates, cart, "EUR")["total"] == Decimal("21.40")


def test_cart_page_prices_every_line_while_rates_refresh(live_rates, big_cart):
    page = price_cart(live_rates, big_cart, "GBP")
    assert len(page["rows"]) == 40
    assert page["total"] > 0
