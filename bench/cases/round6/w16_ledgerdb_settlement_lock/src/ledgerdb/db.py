import sqlite3

BUSY_TIMEOUT = 0.1

SCHEMA = """
CREATE TABLE IF NOT EXISTS payments (
    id INTEGER PRIMARY KEY,
    merchant TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    settled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS settlements (
    id INTEGER PRIMARY KEY,
    merchant TEXT NOT NULL,
    payout_cents INTEGER NOT NULL
);
"""


def connect(path):
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def init_schema(path):
    conn = connect(path)
    with conn:
        conn.executescript(SCHEMA)
    conn.close()
