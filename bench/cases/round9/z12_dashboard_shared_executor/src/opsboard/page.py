from . import config


def revenue_widget(app):
    revenue = app.orders.revenue_today()
    total = sum(amount / app.rates.get(cur, 1.0) for cur, amount in revenue.items())
    return {"title": "Revenue today", "value": f"EUR {total:,.0f}"}


def orders_widget(app):
    return {"title": "Open orders", "value": str(app.orders.open_orders())}


WIDGETS = (revenue_widget, orders_widget)


def _render(app):
    futures = [app.executor.submit(widget, app) for widget in WIDGETS]
    return [f.result(timeout=config.WIDGET_TIMEOUT) for f in futures]


def render_dashboard(app):
    """Entry point used by the HTTP handler; rendering runs on the app executor."""
    return app.executor.submit(_render, app).result(timeout=2)
