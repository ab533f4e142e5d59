import time


class AuditTrail:
    def __init__(self, db):
        self.db = db

    async def record(self, account, actor, action, amount):
        await self.db.insert(
            "audit",
            {"account": account, "actor": actor, "action": action, "amount": amount, "at": time.time()},
        )

    async def history(self, account):
        rows = await self.db.select("audit", account=account)
        return sorted(rows, key=lambda r: r["at"])
