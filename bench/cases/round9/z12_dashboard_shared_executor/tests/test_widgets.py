from opsboard.page import orders_widget, revenue_widget


def test_revenue_converted_to_eur(app):
    app.rates = {"EUR": 1.0, "USD": 1.25}
    assert revenue_widget(app) == {"title": "Revenue today", "value": "EUR 21,546"}


def test_open_orders(app):
    assert orders_widget(app)["value"] == "37"
