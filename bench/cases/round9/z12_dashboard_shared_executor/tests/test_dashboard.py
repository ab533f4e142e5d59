import time

from opsboard import render_dashboard


def test_refresher_updates_rates(running_app):
    deadline = time.monotonic() + 2
    while running_app.refresher.refreshes == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert running_app.rates["USD"] == 1.08


def test_dashboard_renders_all_widgets(running_app):
    time.sleep(0.05)
    widgets = render_dashboard(running_app)
    assert [w["title"] for w in widgets] == ["Revenue today", "Open orders"]
