import itertools
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass


@dataclass(frozen=True)
class OrderLine:
    sku: str
    quantity: int
    unit_cents: int


def total_cents(lines, discount_pct=0):
    gross = sum(l.quantity * l.unit_cents for l in lines)
    return gross - (gross * discount_pct + 50) // 100


class OrderService:
    """Places orders and writes the audit trail without making the caller wait."""

    def __init__(self, pool, actor="web"):
        self.pool = pool
        self.actor = actor
        self._ids = itertools.count(1000)
        self._audit = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit")

    def close(self):
        self._audit.shutdown(wait=True)

    def _write_audit(self, conn, order_id, payload):
        conn.execute("INSERT INTO audit_log (actor, entity, payload) VALUES (?, ?, ?)",
                     (self.actor, "order:%d" % order_id, json.dumps(payload, sort_keys=True)))

    def place(self, customer, lines, discount_pct=0):
        if not lines:
            raise ValueError("empty order")
        order_id = next(self._ids)
        amount = total_cents(lines, discount_pct)
        conn = self.pool.acquire()
        try:
            conn.execute("INSERT INTO orders (id, customer, cents) VALUES (?, ?, ?)",
                         (order_id, customer, amount))
        except Exception:
            self.pool.release(conn)
            raise
        payload = {"customer": customer, "cents": amount,
                   "lines": [[l.sku, l.quantity] for l in lines]}
        pending = self._audit.submit(self._write_audit, conn, order_id, payload)
        pending.add_done_callback(lambda _f: self.pool.release(conn))
        return order_id
