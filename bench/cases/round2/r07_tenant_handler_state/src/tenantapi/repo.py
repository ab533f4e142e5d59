import asyncio
import random


class NotFound(Exception):
    pass


class InvoiceRepo:
    """Async facade over the per-tenant invoice tables."""

    def __init__(self, latency=(0.01, 0.03)):
        self.latency = latency
        self._rows: dict[tuple[str, str], dict] = {}
        self.queries = 0

    def seed(self, tenant: str, invoice_id: str, **fields) -> None:
        self._rows[(tenant, invoice_id)] = {"id": invoice_id, "tenant": tenant, **fields}

    async def fetch(self, tenant: str, invoice_id: str) -> dict:
        self.queries += 1
        await asyncio.sleep(random.uniform(*self.latency))
        try:
            return dict(self._rows[(tenant, invoice_id)])
        except KeyError:
            raise NotFound(f"{tenant}/{invoice_id}") from None

    async def update(self, tenant: str, invoice_id: str, **fields) -> dict:
        await asyncio.sleep(random.uniform(*self.latency))
        row = self._rows[(tenant, invoice_id)]
        row.update(fields)
        return dict(row)
