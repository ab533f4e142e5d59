"""Defaults for the health dashboard."""

# How long one dependency check may take before it is reported as down.
PROBE_TIMEOUT = 0.13

# How often the board refreshes when running in the background.
REFRESH_INTERVAL = 5.0

# Checks marked critical make the whole service unhealthy.
CRITICAL_KINDS = frozenset({"database", "queue"})
