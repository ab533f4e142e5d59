"""Printer status queries (SNMP in production; a status file here)."""
import os
import time


def printer_ready(spool_root, printer):
    status_file = os.path.join(spool_root, "printers", printer)
    time.sleep(0.003)  # device round trip
    try:
        with open(status_file) as fh:
            return fh.read().strip() == "ready"
    except FileNotFoundError:
        return True
