import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from payouts import parse_statement

STATEMENT = """
ref,merchant,amount
tx-1001,m-berlin,8.93
tx-1002,m-lyon,39.11
tx-1003,m-porto,10.84
tx-1004,m-gdansk,1.97
tx-1005,m-berlin,36.05
tx-1006,m-lyon,21.71
tx-1007,m-porto,28.87
tx-1008,m-gdansk,14.01
tx-1009,m-porto,1.12
"""


@pytest.fixture
def statement():
    return parse_statement(STATEMENT)
