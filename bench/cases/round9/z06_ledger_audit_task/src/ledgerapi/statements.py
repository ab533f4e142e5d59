import asyncio


async def statement(service, account):
    """Customer-facing statement: current balance plus the audited movements."""
    balance, movements = await asyncio.gather(
        service.balance(account), service.audit.history(account)
    )
    lines = []
    for row in movements:
        sign = "+" if row["action"] == "credit" else "-"
        lines.append(f"{row['actor']:<10} {sign}{row['amount'] / 100:.2f}")
    return {"account": account, "balance": balance, "lines": lines}
