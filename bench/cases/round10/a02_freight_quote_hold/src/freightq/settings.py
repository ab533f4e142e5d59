"""Runtime settings for the quoting service (overridable per deployment)."""

CURRENCY = "EUR"
FUEL_SURCHARGE = 0.12
MIN_CHARGE = 45.00
QUOTE_HOLD_SECONDS = 0.05
CREDIT_LIMIT_DEFAULT = 5_000.00
