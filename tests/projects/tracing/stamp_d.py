"""Module-level wall-clock read (import-time state), for the tracing test."""
import time

STAMP_d = time.time()  # @module_d
