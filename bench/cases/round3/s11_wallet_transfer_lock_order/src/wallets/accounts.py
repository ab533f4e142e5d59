import threading


class Account:
    def __init__(self, account_id, balance=0):
        self.id = account_id
        self.balance = balance
        self.lock = threading.Lock()
        self.history = []


class AccountBook:
    def __init__(self):
        self._accounts = {}
        self._lock = threading.Lock()

    def open(self, account_id, balance=0):
        with self._lock:
            if account_id in self._accounts:
                raise KeyError("account %s exists" % account_id)
            acct = self._accounts[account_id] = Account(account_id, balance)
            return acct

    def get(self, account_id):
        return self._accounts[account_id]

    def total(self):
        return sum(a.balance for a in self._accounts.values())
