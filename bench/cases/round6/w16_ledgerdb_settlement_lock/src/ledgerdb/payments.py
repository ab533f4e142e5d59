SUPPORTED = {"EUR", "USD", "GBP"}


class PaymentRejected(ValueError):
    pass


def record_payment(conn, merchant, amount_cents, currency="EUR"):
    if currency not in SUPPORTED:
        raise PaymentRejected(f"unsupported currency {currency}")
    if amount_cents <= 0:
        raise PaymentRejected("amount must be positive")
    with conn:
        cur = conn.execute(
            "INSERT INTO payments (merchant, amount_cents, currency) VALUES (?, ?, ?)",
            (merchant, amount_cents, currency),
        )
    return cur.lastrowid


def balance(conn, merchant):
    row = conn.execute(
        "SELECT COALESCE(SUM(amount_cents), 0) AS total FROM payments "
        "WHERE merchant = ? AND settled = 0",
        (merchant,),
    ).fetchone()
    return row["total"]
