import random
import threading
import time


def test_render_has_help_once_per_family(registry, exporter):
    registry.inc("http_requests_total", route="/api/search", status="200")
    registry.inc("http_requests_total", route="/api/search", status="404")
    body = exporter.render()
    assert body.count("# HELP http_requests_total") == 1
    assert 'owner="discovery"' in body


def test_scrape_response(registry, exporter):
    registry.set("queue_depth", 4, queue="mail")
    resp = exporter.scrape()
    assert resp["status"] == 200
    assert 'queue_depth{queue="mail"} 4' in resp["body"]


def test_scrape_during_live_traffic(busy_registry, metrics, exporter):
    stop = threading.Event()

    def traffic():
        # a couple of requests to routes not seen before, at arbitrary moments
        for n in range(2):
            time.sleep(random.uniform(0.0, 0.07))
            metrics.observe("/api/cart/new-%d" % n, 200, 0.003)
        stop.set()

    t = threading.Thread(target=traffic)
    t.start()
    resp = exporter.scrape()
    t.join()
    assert resp["status"] == 200
    assert resp["body"].count("http_requests_total{") >= 12
