import csv
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    ref: str
    merchant: str
    amount: float


def parse_statement(text):
    """Parse the acquiring bank's CSV statement (ref,merchant,amount)."""
    entries = []
    for row in csv.DictReader(io.StringIO(text.strip())):
        entries.append(Entry(row["ref"].strip(), row["merchant"].strip(), float(row["amount"])))
    return entries


def group_by_merchant(entries):
    groups = {}
    for entry in entries:
        groups.setdefault(entry.merchant, []).append(entry)
    return groups
