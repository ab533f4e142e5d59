"""Search service configuration."""

# End-to-end budget for one storefront search request, seconds.
REQUEST_BUDGET = 0.30

# Fraction of the request budget that the shard fan-out may use; the rest is
# reserved for ranking, facet counting and rendering.
FANOUT_SHARE = 0.4

SHARD_DEADLINE = REQUEST_BUDGET * FANOUT_SHARE

MAX_RESULTS = 20
