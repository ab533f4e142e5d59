import argparse
import csv
import sys

from . import logsetup
from .amounts import to_cents
from .matching import BankLine, Invoice, reconcile


def build_parser():
    p = argparse.ArgumentParser(prog="recon")
    p.add_argument("statement", help="bank statement CSV (date;text;amount)")
    p.add_argument("invoices", help="open invoices CSV (number;customer;amount)")
    p.add_argument("-v", "--verbose", action="count", default=0)
    return p


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return [row for row in csv.reader(fh, delimiter=";") if row and not row[0].startswith("#")]


def main(argv=None, out=None):
    args = build_parser().parse_args(argv)
    out = out or sys.stdout
    logsetup.configure(args.verbose)
    lines = [BankLine(d, t, to_cents(a)) for d, t, a in _rows(args.statement)]
    invoices = [Invoice(n, c, to_cents(a)) for n, c, a in _rows(args.invoices)]
    matched, unmatched, still_open = reconcile(lines, invoices)
    out.write("matched %d, unmatched %d, open %d\n" % (len(matched), len(unmatched), len(still_open)))
    for number in still_open:
        out.write("open %s\n" % number)
    return 1 if unmatched else 0
