"""Runtime settings for the invoicing service (test profile)."""

# How long a downloaded VAT table may be used before it is fetched again.
RATE_TABLE_TTL = 1.0

# Simulated PDF rendering cost per invoice, seconds.
RENDER_COST = 0.14

DEFAULT_CURRENCY = "EUR"
