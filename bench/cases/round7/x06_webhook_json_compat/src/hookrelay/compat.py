"""Compatibility shims for subscribers on the v1 webhook format."""
import json
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

_stdlib_default = json.JSONEncoder.default


def _v1_default(self, o):
    if isinstance(o, (datetime, date)):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    if isinstance(o, UUID):
        return o.hex
    if isinstance(o, (set, frozenset)):
        return sorted(o)
    return _stdlib_default(self, o)


def enable_v1_encoding():
    json.JSONEncoder.default = _v1_default


V1_HEADERS = {"X-Hook-Version": "1"}
