from dataclasses import dataclass, field

from .audit import AuditLog
from .repo import InvoiceRepo, NotFound


@dataclass
class Request:
    tenant: str
    user: str
    invoice_id: str
    body: dict = field(default_factory=dict)


class InvoiceHandler:
    """One handler instance serves all requests of the process."""

    def __init__(self, repo: InvoiceRepo, audit: AuditLog):
        self.repo = repo
        self.audit = audit
        self._tenant = None

    def _bind(self, request: Request) -> None:
        self._tenant = request.tenant

    async def get(self, request: Request) -> dict:
        self._bind(request)
        try:
            invoice = await self.repo.fetch(request.tenant, request.invoice_id)
        except NotFound:
            return {"status": 404}
        self.audit.record(self._tenant, request.user, "view", request.invoice_id)
        return {"status": 200, "invoice": invoice}

    async def mark_paid(self, request: Request) -> dict:
        self._bind(request)
        try:
            invoice = await self.repo.fetch(request.tenant, request.invoice_id)
        except NotFound:
            return {"status": 404}
        if invoice.get("paid"):
            return {"status": 409}
        invoice = await self.repo.update(request.tenant, request.invoice_id, paid=True)
        self.audit.record(self._tenant, request.user, "mark_paid", request.invoice_id)
        return {"status": 200, "invoice": invoice}
