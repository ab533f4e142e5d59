"""Fixed time buckets derived from the wall clock."""
import time


def current_bucket(width=1.0):
    return int(time.time() // width)  # @cause
