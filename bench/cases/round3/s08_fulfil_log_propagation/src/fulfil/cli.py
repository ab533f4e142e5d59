"""`fulfil` command line entry point used by the warehouse cron jobs."""
import argparse
import json
import logging
import sys

from .allocation import Allocator
from .stock import Warehouse


def setup_logging(verbose=False, quiet=False, stream=None):
    logger = logging.getLogger("fulfil")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.handlers[:] = [handler]
    if verbose:
        logger.setLevel(logging.DEBUG)
    elif quiet:
        logger.setLevel(logging.ERROR)  # cron mode: only mail real failures
    else:
        logger.setLevel(logging.INFO)
    logger.propagate = False  # cron mails stderr; avoid duplicates via root
    return logger


def main(argv=None, stdout=None):
    parser = argparse.ArgumentParser(prog="fulfil")
    parser.add_argument("stockfile")
    parser.add_argument("orderfile")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    setup_logging(args.verbose, args.quiet)
    with open(args.stockfile) as fh:
        stock = json.load(fh)
    with open(args.orderfile) as fh:
        lines = [tuple(x) for x in json.load(fh)]
    allocator = Allocator(Warehouse(code, levels) for code, levels in stock.items())
    picks, backorders = allocator.allocate(lines)
    out = stdout or sys.stdout
    json.dump({"picks": picks, "backorders": [b.__dict__ for b in backorders]}, out)
    return 1 if backorders else 0
