import threading
import time

from tally import Ledger, Pool


def export(ledger, per_row, started):
    for n, row in enumerate(ledger.entries()):
        if n == 0:
            started.set()
        time.sleep(per_row)


def test_entries_in_order():
    assert [name for name, _ in Ledger(Pool()).entries()][:2] == ["rent", "power"]


def test_balance():
    assert Ledger(Pool()).balance() == 60


def test_balance_during_export(bad_run):
    ledger = Ledger(Pool(size=1, timeout=0.05))
    started = threading.Event()
    worker = threading.Thread(target=export, args=(ledger, 0.03 if bad_run else 0.0, started))
    worker.start()
    started.wait(1)
    try:
        total = ledger.balance()
    finally:
        worker.join()
    assert total == 60
