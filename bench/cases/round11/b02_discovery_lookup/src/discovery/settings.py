"""Defaults for the service-discovery client (overridable per Resolver)."""

CACHE_TTL = 5.0
LOOKUP_TIMEOUT = 0.15
LOOKUP_WORKERS = 2
PASSING_STATES = ("passing", "warning")
