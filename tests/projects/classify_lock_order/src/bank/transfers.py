import contextlib
import threading
import time


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


@contextlib.contextmanager
def holding(lock):
    if not lock.acquire(timeout=0.2):
        raise TimeoutError("account busy")
    try:
        yield
    finally:
        lock.release()


def transfer(src, dst, amount, audit_s):
    with holding(src.lock):
        if audit_s:
            time.sleep(audit_s)  # the audit write
        with holding(dst.lock):  # @cause
            src.balance -= amount
            dst.balance += amount
