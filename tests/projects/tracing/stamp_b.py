"""Module-level wall-clock read (import-time state), for the tracing test."""
import time

STAMP_b = time.time()  # @module_b
