import contextlib
import itertools

LOCK_TIMEOUT = 0.25


class LockTimeout(RuntimeError):
    pass


class InsufficientFunds(ValueError):
    pass


@contextlib.contextmanager
def holding(lock, what, timeout=LOCK_TIMEOUT):
    if not lock.acquire(timeout=timeout):
        raise LockTimeout("could not lock %s within %.2fs" % (what, timeout))
    try:
        yield
    finally:
        lock.release()


class TransferService:
    def __init__(self, book, audit):
        self._book = book
        self._audit = audit
        self._ids = itertools.count(1)

    def transfer(self, source_id, target_id, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        if source_id == target_id:
            raise ValueError("cannot transfer to the same account")
        src = self._book.get(source_id)
        dst = self._book.get(target_id)
        transfer_id = next(self._ids)
        with holding(src.lock, src.id):
            if src.balance < amount:
                raise InsufficientFunds(src.id)
            self._audit.record("debit-intent", transfer=transfer_id, account=src.id, amount=amount)
            with holding(dst.lock, dst.id):
                src.balance -= amount
                dst.balance += amount
                src.history.append(-amount)
                dst.history.append(amount)
        return transfer_id

    def deposit(self, account_id, amount):
        acct = self._book.get(account_id)
        with holding(acct.lock, acct.id):
            acct.balance += amount
            acct.history.append(amount)
        self._audit.record("deposit", account=acct.id, amount=amount)
