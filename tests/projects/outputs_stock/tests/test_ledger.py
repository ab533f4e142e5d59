import threading
import time

from stock import Ledger


def test_single_delivery():
    ledger = Ledger()
    ledger.receive(4)
    assert ledger.units == 4


def test_concurrent_deliveries(busy_run):
    ledger = Ledger()
    arrived = threading.Event()

    def truck():
        arrived.wait(1.0)
        time.sleep(0.001 if busy_run else 0.03)
        ledger.receive(5)

    t = threading.Thread(target=truck)
    t.start()
    arrived.set()
    ledger.receive(10)
    t.join()
    assert ledger.units == 15
