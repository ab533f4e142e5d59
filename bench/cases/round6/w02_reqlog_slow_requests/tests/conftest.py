import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import time

import pytest

from reqlog import App, Response, SlowLog, TimingMiddleware


@pytest.fixture
def slowlog():
    return SlowLog(threshold_ms=250)


@pytest.fixture
def app(slowlog):
    app = App()
    app.use(TimingMiddleware(slowlog))

    @app.route("GET", "/healthz")
    def health(request):
        return Response(200, "ok")

    @app.route("GET", "/products")
    def products(request):
        return Response(200, "[]")

    @app.route("POST", "/reports")
    def build_report(request):
        time.sleep(0.32)  # aggregates a few thousand rows
        return Response(201, "queued")

    @app.route("GET", "/boom")
    def boom(request):
        raise KeyError("missing")

    return app
