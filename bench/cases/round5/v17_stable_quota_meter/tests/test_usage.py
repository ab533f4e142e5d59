import random
import threading
import time

from quota.limits import plan_from_env
from quota.usage import UsageMeter, billing_day, day_bounds, sample_for_audit

# 2026-03-29 00:30 UTC: the night Europe switches to summer time
TS = 1774744200


def test_default_plan_without_env():
    assert plan_from_env() == "free"


def test_billing_day_follows_customer_zone():
    assert billing_day(TS, "UTC") == "2026-03-29"
    assert billing_day(TS, "America/Los_Angeles") == "2026-03-28"


def test_dst_day_is_23_hours():
    start, end = day_bounds("2026-03-29", "Europe/Berlin")
    assert end - start == 23 * 3600


def test_concurrent_recording_is_counted_once_each():
    meter = UsageMeter("Europe/Berlin")
    def hammer(key):
        for i in range(200):
            meter.record(key, TS + random.randint(0, 3600))
    threads = [threading.Thread(target=hammer, args=(f"key-{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(meter.usage(f"key-{n}", "2026-03-29") for n in range(4)) == 800


def test_usage_today_counts_current_request():
    meter = UsageMeter("UTC")
    now = time.time()
    meter.record("k", now)
    assert meter.usage("k", billing_day(now, "UTC")) == 1


def test_audit_sample_is_subset_and_sorted():
    records = {f"req-{i}" for i in range(50)}
    picked = sample_for_audit(records, 5)
    assert len(picked) == 5 and set(picked) <= records and picked == sorted(picked)


def test_export_is_sorted(tmp_path):
    meter = UsageMeter()
    for key in {"zeta", "alpha", "mid"}:
        meter.record(key, TS)
    assert meter.export_csv(tmp_path / "usage.csv") == 3
    lines = (tmp_path / "usage.csv").read_text().splitlines()
    assert [l.split(",")[0] for l in lines[1:]] == ["alpha", "mid", "zeta"]
