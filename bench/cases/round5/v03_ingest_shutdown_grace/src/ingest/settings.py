"""Runtime settings for the ingest worker (overridable per deployment)."""

BATCH_SIZE = 10
BATCH_LINGER = 0.02
QUEUE_LIMIT = 1000
SHUTDOWN_GRACE = 0.1
SEGMENT_PREFIX = "events"
