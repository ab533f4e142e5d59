import threading
from decimal import ROUND_HALF_EVEN, Decimal


class RatesBusy(RuntimeError):
    pass


class UnknownCurrency(KeyError):
    pass


CENT = Decimal("0.01")


class RateCache:
    """EUR-based exchange rates shared by all request threads."""

    def __init__(self, provider, read_timeout: float = 0.03):
        self._provider = provider
        self._lock = threading.Lock()
        self._rates: dict[str, Decimal] = {"EUR": Decimal(1)}
        self.read_timeout = read_timeout
        self.version = 0

    def refresh(self) -> None:
        with self._lock:
            fresh = self._provider.fetch_all()
            fresh["EUR"] = Decimal(1)
            self._rates = fresh
            self.version += 1

    def _rate(self, currency: str) -> Decimal:
        if not self._lock.acquire(timeout=self.read_timeout):
            raise RatesBusy("exchange rates are being updated")
        try:
            return self._rates[currency]
        except KeyError:
            raise UnknownCurrency(currency) from None
        finally:
            self._lock.release()

    def convert(self, amount: Decimal, src: str, dst: str) -> Decimal:
        if src == dst:
            return amount.quantize(CENT, ROUND_HALF_EVEN)
        eur = amount / self._rate(src)
        return (eur * self._rate(dst)).quantize(CENT, ROUND_HALF_EVEN)
