import asyncio
import csv
import io
import logging
import random

log = logging.getLogger("stockdb.import")


class BadRow(ValueError):
    pass


def parse_feed(text):
    rows = []
    for n, rec in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            qty = int(rec["qty"])
        except (KeyError, TypeError, ValueError):
            raise BadRow(f"line {n}: qty {rec.get('qty')!r}") from None
        if qty < 0:
            raise BadRow(f"line {n}: negative qty")
        rows.append((rec["sku"].strip().upper(), qty))
    return rows


class NightlyImport:
    """Applies the supplier's stock feed atomically; a bad feed changes nothing."""

    def __init__(self, conn, feed_text, splay=0.12):
        self.conn = conn
        self.feed_text = feed_text
        self.splay = splay
        self.outcome = None

    async def run(self):
        await asyncio.sleep(random.uniform(0, self.splay))
        try:
            async with self.conn.transaction():
                for sku, qty in self._rows_lenient():
                    await self.conn.put(f"stock:{sku}", qty)
                parse_feed(self.feed_text)
        except BadRow as exc:
            log.warning("feed rejected: %s", exc)
            self.outcome = "rejected"
        else:
            self.outcome = "applied"
        return self.outcome

    def _rows_lenient(self):
        for line in self.feed_text.splitlines()[1:]:
            sku, _, qty = line.partition(",")
            if qty.strip().isdigit():
                yield sku.strip().upper(), int(qty)
