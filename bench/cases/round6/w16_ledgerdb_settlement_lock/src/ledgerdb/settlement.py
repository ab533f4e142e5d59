import threading

from .db import connect

FEE_BPS = 140


def payout_after_fees(total_cents):
    return total_cents - (total_cents * FEE_BPS + 9999) // 10000


class SettlementJob(threading.Thread):
    """Nightly job: converts unsettled payments to EUR and books one payout per merchant."""

    def __init__(self, path, rates):
        super().__init__(daemon=True, name="settlement")
        self.path = path
        self.rates = rates
        self.payouts = {}
        self.error = None

    def run(self):
        conn = connect(self.path)
        try:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                rows = conn.execute(
                    "SELECT id, merchant, amount_cents, currency FROM payments WHERE settled = 0"
                ).fetchall()
                totals = {}
                for row in rows:
                    rate = self.rates.eur_rate(row["currency"])
                    totals[row["merchant"]] = totals.get(row["merchant"], 0) + round(row["amount_cents"] * rate)
                    conn.execute("UPDATE payments SET settled = 1 WHERE id = ?", (row["id"],))
                for merchant, total in sorted(totals.items()):
                    payout = payout_after_fees(total)
                    conn.execute(
                        "INSERT INTO settlements (merchant, payout_cents) VALUES (?, ?)",
                        (merchant, payout),
                    )
                    self.payouts[merchant] = payout
        except Exception as exc:
            self.error = exc
        finally:
            conn.close()
