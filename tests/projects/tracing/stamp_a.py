"""Module-level wall-clock read (import-time state), for the tracing test."""
import time

STAMP_a = time.time()  # @module_a
