import random
import threading
import time

from .records import Customer, parse_rows


class CustomerStore:
    def __init__(self):
        self._lock = threading.Lock()
        self.rows = {}

    def insert(self, customer):
        time.sleep(random.uniform(0.002, 0.010))  # index maintenance
        with self._lock:
            if customer.id in self.rows:
                raise KeyError(f"duplicate id {customer.id}")
            self.rows[customer.id] = customer


class ParallelImporter:
    def __init__(self, allocator, store, threads=2):
        self.allocator = allocator
        self.store = store
        self.threads = threads
        self.errors = []

    def _work(self, rows):
        for name, email, country in rows:
            try:
                customer = Customer(self.allocator.next_id(), name, email, country)
                self.store.insert(customer)
            except Exception as exc:  # keep importing, report at the end
                self.errors.append(f"{email}: {type(exc).__name__}: {exc}")

    def run(self, text):
        rows = list(parse_rows(text))
        shards = [rows[i :: self.threads] for i in range(self.threads)]
        workers = [threading.Thread(target=self._work, args=(s,)) for s in shards]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return len(rows) - len(self.errors)
