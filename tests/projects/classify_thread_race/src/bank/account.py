import time


class Account:
    def __init__(self):
        self.balance = 0

    def deposit(self, amount):
        current = self.balance
        time.sleep(0.005)  # post to the ledger service
        self.balance = current + amount  # @cause
