from datetime import datetime, timezone

PREFIXES = {"orders": "orders", "refunds": "refunds", "customers": "cust"}


def export_name(kind, ext="csv"):
    prefix = PREFIXES.get(kind, kind)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{prefix}-{stamp}.{ext}"


def parse_export_name(name):
    base, _, ext = name.rpartition(".")
    prefix, _, stamp = base.partition("-")
    return prefix, datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc), ext
