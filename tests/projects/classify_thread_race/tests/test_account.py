import threading
import time

from bank import Account


def test_single_deposit():
    a = Account()
    a.deposit(3)
    assert a.balance == 3


def test_parallel_deposits(bad_run):
    acc = Account()

    def other():
        time.sleep(0.001 if bad_run else 0.03)
        acc.deposit(5)

    t = threading.Thread(target=other)
    t.start()
    acc.deposit(10)
    t.join()
    assert acc.balance == 15
