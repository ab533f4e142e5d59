import hashlib
import hmac
import time


class KeyRing:
    """Derives one signing key per rotation period from a master secret.

    Keys are never stored: the key for period ``n`` is HMAC(master, "period:n").
    """

    def __init__(self, master_secret: bytes, period: float = 3600.0, clock=time.time):
        if period <= 0:
            raise ValueError("period must be positive")
        self._master = master_secret
        self.period = period
        self._clock = clock
        self._cache = {}

    def period_index(self, at=None) -> int:
        now = self._clock() if at is None else at
        return int(now // self.period)

    def key_for(self, index: int) -> bytes:
        key = self._cache.get(index)
        if key is None:
            key = hmac.new(self._master, f"period:{index}".encode(), hashlib.sha256).digest()
            if len(self._cache) > 16:
                self._cache.clear()
            self._cache[index] = key
        return key

    def current(self):
        index = self.period_index()
        return index, self.key_for(index)
