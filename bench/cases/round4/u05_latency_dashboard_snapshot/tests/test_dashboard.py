import time

from traffic import replay


def test_panel_for_idle_route(stats):
    panel = stats.panel("/health")
    assert panel["requests"] == 0 and panel["mean_ms"] == 0.0
    assert panel["build"] == "2026.12.1"


def test_panel_after_traffic(stats):
    for w in replay(stats, "/orders", requests=20):
        w.join()
    panel = stats.panel("/orders")
    assert panel["requests"] == 80 == sum(panel["buckets"])
    assert 5 <= panel["mean_ms"] <= 200


def test_missing_build_info_falls_back(tmp_path):
    from latmon.dashboard import RouteStats

    assert RouteStats(tmp_path / "nope.json").panel("/x")["build"] == "dev"


def test_live_panel_is_consistent(stats):
    workers = replay(stats, "/search", requests=40)
    panels = []
    while any(w.is_alive() for w in workers):
        panels.append(stats.panel("/search"))
        time.sleep(0.02)
    for w in workers:
        w.join()
    torn = [p for p in panels if p["requests"] != sum(p["buckets"])]
    assert not torn, f"{len(torn)} of {len(panels)} panels inconsistent: {torn[0]}"
