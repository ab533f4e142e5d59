import os

BATCH_SIZE = int(os.environ.get("EVENTSINK_BATCH_SIZE", "25"))
FLUSH_INTERVAL = float(os.environ.get("EVENTSINK_FLUSH_INTERVAL", "0.05"))
SHUTDOWN_GRACE = float(os.environ.get("EVENTSINK_SHUTDOWN_GRACE", "0.1"))
QUEUE_LIMIT = 10_000
