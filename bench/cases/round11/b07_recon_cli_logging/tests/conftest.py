import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from recon import BankLine, Invoice


@pytest.fixture
def invoices():
    return [Invoice("INV-1001", "Acme GmbH", 119000),
            Invoice("INV-1002", "Borealis AB", 45050),
            Invoice("INV-1003", "Cobalt Ltd", 9900)]


@pytest.fixture
def statement_files(tmp_path):
    stmt = tmp_path / "statement.csv"
    stmt.write_text("2026-11-02;SEPA ACME GMBH INV-1001;1.190,00\n"
                    "2026-11-03;BOREALIS AB PAYMENT;450,50\n", encoding="utf-8")
    inv = tmp_path / "invoices.csv"
    inv.write_text("# exported from billing\n"
                   "INV-1001;Acme GmbH;1190.00\n"
                   "INV-1002;Borealis AB;450.50\n"
                   "INV-1003;Cobalt Ltd;99.00\n", encoding="utf-8")
    return str(stmt), str(inv)


def line(text, amount, booked="2026-11-05"):
    return BankLine(booked, text, amount)
