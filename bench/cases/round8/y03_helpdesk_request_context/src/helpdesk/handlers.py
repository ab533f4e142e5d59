import itertools

from . import context

_request_ids = itertools.count(1)


class Forbidden(PermissionError):
    pass


class TicketHandlers:
    def __init__(self, store, audit, permissions):
        self.store = store
        self.audit = audit
        self.permissions = permissions

    def dispatch(self, user, action, ticket_id, **params):
        context.current.bind(user, next(_request_ids))
        try:
            if action not in self.permissions.get(user, ()):
                raise Forbidden(f"{user} may not {action}")
            return getattr(self, "_" + action)(ticket_id, **params)
        finally:
            context.current.clear()

    def _assign(self, ticket_id, assignee):
        ticket = self.store.load(ticket_id)
        ticket["assignee"] = assignee
        self.store.save(ticket)
        self.audit.record("assign", ticket_id)
        return ticket

    def _close(self, ticket_id):
        ticket = self.store.load(ticket_id)
        ticket["status"] = "closed"
        self.store.save(ticket)
        self.audit.record("close", ticket_id)
        return ticket
