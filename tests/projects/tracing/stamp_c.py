"""Module-level wall-clock read (import-time state), for the tracing test."""
import time

STAMP_c = time.time()  # @module_c
