"""Which carriers may take a parcel at all (contract limits)."""

LIMITS = {
    "dhl": {"max_kg": 31.5, "countries": None},
    "hermes": {"max_kg": 25.0, "countries": {"DE", "AT"}},
    "ups": {"max_kg": 70.0, "countries": None},
}
DEFAULT_LIMIT = {"max_kg": 20.0, "countries": {"DE"}}


def eligible(carrier_code, parcel):
    limit = LIMITS.get(carrier_code, DEFAULT_LIMIT)
    if parcel.weight_kg <= 0 or parcel.weight_kg > limit["max_kg"]:
        return False
    countries = limit["countries"]
    return countries is None or parcel.dest_country in countries


def filter_carriers(carriers, parcel):
    return [c for c in carriers if eligible(c.code, parcel)]
