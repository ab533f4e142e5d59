"""Defaults for the storage client; overridable through BlobSync(config=...)."""

CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 1.0

RETRY_ATTEMPTS = 4
RETRY_BASE_DELAY = 0.02
RETRY_MAX_DELAY = 1.0
RETRY_ON = ("BUSY", "LOADING")

CHUNK_SIZE = 64 * 1024
