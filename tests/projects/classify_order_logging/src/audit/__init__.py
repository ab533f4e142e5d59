"""An audit trail written through the standard logging module."""

import logging


def record(event, **fields):
    """Logs one audit event (at INFO) on the ``audit.trail`` logger."""
    detail = " ".join("%s=%s" % kv for kv in sorted(fields.items()))
    logging.getLogger("audit.trail").info("event=%s %s", event, detail)


def quiet():
    """Batch jobs are noisy: only errors from the audit loggers."""
    logging.getLogger("audit").setLevel(logging.ERROR)
