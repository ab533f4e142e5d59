import asyncio
import logging

log = logging.getLogger(__name__)


class InsufficientFunds(Exception):
    pass


class AccountService:
    def __init__(self, db, audit):
        self.db = db
        self.audit = audit
        self._locks = {}
        self._background = set()

    def _lock(self, account):
        return self._locks.setdefault(account, asyncio.Lock())

    async def balance(self, account):
        rows = await self.db.select("balances", account=account)
        return rows[0]["cents"] if rows else 0

    def _audit_later(self, *args):
        task = asyncio.get_running_loop().create_task(self.audit.record(*args))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def adjust(self, account, cents, actor):
        async with self._lock(account):
            current = await self.balance(account)
            if current + cents < 0:
                raise InsufficientFunds(f"{account}: {current} + {cents}")
            await self.db.upsert("balances", "account", {"account": account, "cents": current + cents})
        self._audit_later(account, actor, "credit" if cents >= 0 else "debit", abs(cents))
        return current + cents

    async def transfer(self, src, dst, cents, actor):
        await self.adjust(src, -cents, actor)
        await self.adjust(dst, cents, actor)

    async def drain(self):
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
