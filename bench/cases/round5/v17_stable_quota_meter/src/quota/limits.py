import os

from .bucket import TokenBucket

PLANS = {"free": (2, 5), "team": (20, 50), "enterprise": (200, 500)}


def plan_from_env(default="free"):
    return os.environ.get("QUOTA_PLAN", default)


def bucket_for(plan, clock=None):
    rate, capacity = PLANS[plan]
    return TokenBucket(rate, capacity) if clock is None else TokenBucket(rate, capacity, clock=clock)
