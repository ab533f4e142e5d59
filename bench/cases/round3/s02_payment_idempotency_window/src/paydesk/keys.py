"""Idempotency keys for card charges.

The acquirer keeps keys for a short time only, so keys are scoped to a
time window: a replay inside the window is deduplicated, a genuinely new
purchase of the same cart later on is not.
"""
import hashlib
import time

WINDOW_SECONDS = 1


def current_window(now=None):
    now = time.time() if now is None else now
    return int(now // WINDOW_SECONDS)


def idempotency_key(customer_id, cart_id, amount_cents):
    raw = "%s:%s:%d:%d" % (customer_id, cart_id, amount_cents, current_window())
    return hashlib.sha256(raw.encode()).hexdigest()[:24]
