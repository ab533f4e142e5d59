import time

from quota.window import Quota


def test_limit_is_enforced():
    q = Quota(limit=3)
    results = []
    for _ in range(4):
        results.append(q.allow())
        time.sleep(0.08)
    assert results == [True, True, True, False]


def test_first_request_allowed():
    assert Quota(limit=1).allow()
