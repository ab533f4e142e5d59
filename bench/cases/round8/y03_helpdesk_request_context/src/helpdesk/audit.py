import threading

from . import context


class AuditTrail:
    def __init__(self):
        self._lock = threading.Lock()
        self.entries = []

    def record(self, action, ticket_id):
        entry = {
            "actor": context.current.user,
            "request": context.current.request_id,
            "action": action,
            "ticket": ticket_id,
        }
        with self._lock:
            self.entries.append(entry)
        return entry

    def for_ticket(self, ticket_id):
        with self._lock:
            return [e for e in self.entries if e["ticket"] == ticket_id]
