import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from stockdb import Connection, StockService

BAD_FEED = "sku,qty\nmug-01,40\ntee-m,15\nposter-a3,12\ncap-red,8\nbag-xl,n/a\n"
GOOD_FEED = "sku,qty\nmug-01,40\ntee-m,15\n"


@pytest.fixture
def conn():
    return Connection()


@pytest.fixture
async def service(conn):
    svc = StockService(conn)
    await conn.put("stock:MUG-01", 10)
    await conn.put("stock:TEE-M", 3)
    return svc
