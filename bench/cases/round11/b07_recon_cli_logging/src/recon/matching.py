import logging
import re
from dataclasses import dataclass

log = logging.getLogger("recon.matching")

_REF = re.compile(r"\bINV[- ]?(\d{4,})\b", re.I)


@dataclass(frozen=True)
class Invoice:
    number: str
    customer: str
    cents: int


@dataclass(frozen=True)
class BankLine:
    booked: str
    text: str
    cents: int


def reference_in(text):
    m = _REF.search(text)
    return "INV-%s" % m.group(1) if m else None


def reconcile(lines, invoices):
    """Match bank lines to open invoices by reference, then by exact amount."""
    open_by_number = {inv.number: inv for inv in invoices}
    matched, unmatched = [], []
    for line in lines:
        inv = open_by_number.get(reference_in(line.text) or "")
        if inv is None:
            candidates = [i for i in open_by_number.values() if i.cents == line.cents]
            inv = candidates[0] if len(candidates) == 1 else None
        if inv is None:
            log.warning("unmatched payment of %d cents on %s: %s", line.cents, line.booked, line.text)
            unmatched.append(line)
            continue
        if inv.cents != line.cents:
            log.warning("partial payment for %s: %d of %d cents", inv.number, line.cents, inv.cents)
        log.info("matched %s to %s", line.text, inv.number)
        matched.append((line, inv))
        del open_by_number[inv.number]
    return matched, unmatched, sorted(open_by_number)
