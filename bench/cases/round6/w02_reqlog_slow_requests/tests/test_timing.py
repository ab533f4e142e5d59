from datetime import datetime, timedelta

from reqlog import Request
from reqlog.timeutil import format_ms


def test_fast_request_not_logged(app, slowlog):
    resp = app.handle(Request("GET", "/products"))
    assert resp.status == 200
    assert slowlog.routes() == []
    assert slowlog.seen == 1


def test_unknown_route_is_404(app):
    assert app.handle(Request("GET", "/nope")).status == 404


def test_handler_error_becomes_500(app, slowlog):
    resp = app.handle(Request("GET", "/boom"))
    assert resp.status == 500
    assert "KeyError" in resp.body
    assert slowlog.seen == 1


def test_server_timing_header_present(app):
    resp = app.handle(Request("GET", "/products"))
    assert resp.headers["Server-Timing"].startswith("app;dur=")


def test_format_ms():
    assert format_ms(12.4) == "12ms"
    assert format_ms(1530) == "1.53s"


def test_health_checks_never_logged(app, slowlog):
    for _ in range(3):
        app.handle(Request("GET", "/healthz"))
    assert slowlog.summary() == "0 slow of 3 requests"


def test_report_build_is_logged_as_slow(app, slowlog):
    resp = app.handle(Request("POST", "/reports"))
    assert resp.status == 201
    assert slowlog.routes() == ["POST /reports"]
