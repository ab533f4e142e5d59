import threading


class BinBusy(RuntimeError):
    pass


class Bin:
    LOCK_WAIT = 0.2

    def __init__(self, code, capacity):
        self.code = code
        self.capacity = capacity
        self.items = {}
        self._lock = threading.Lock()

    def claim(self):
        if not self._lock.acquire(timeout=self.LOCK_WAIT):
            raise BinBusy(f"bin {self.code} is busy")

    def release(self):
        self._lock.release()

    @property
    def used(self):
        return sum(self.items.values())

    def take(self, sku, qty):
        have = self.items.get(sku, 0)
        if have < qty:
            raise ValueError(f"bin {self.code} has {have} x {sku}, need {qty}")
        if have == qty:
            del self.items[sku]
        else:
            self.items[sku] = have - qty

    def put(self, sku, qty):
        if self.used + qty > self.capacity:
            raise ValueError(f"bin {self.code} is full")
        self.items[sku] = self.items.get(sku, 0) + qty
