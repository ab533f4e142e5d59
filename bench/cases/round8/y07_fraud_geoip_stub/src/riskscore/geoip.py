import csv
import ipaddress
from pathlib import Path

DATA = Path(__file__).with_name("ranges.csv")

_table = None


def _load():
    global _table
    if _table is None:
        rows = []
        with DATA.open(newline="") as fh:
            for net, country in csv.reader(fh):
                rows.append((ipaddress.ip_network(net), country))
        _table = rows
    return _table


def lookup(ip):
    addr = ipaddress.ip_address(ip)
    if addr.is_private or addr.is_loopback:
        return "LAN"
    for net, country in _load():
        if addr in net:
            return country
    return "??"
