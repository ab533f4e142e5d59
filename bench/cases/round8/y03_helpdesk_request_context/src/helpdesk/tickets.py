import threading
import time


class TicketNotFound(KeyError):
    pass


class TicketStore:
    def __init__(self, latency=0.004):
        self._lock = threading.Lock()
        self._tickets = {}
        self.latency = latency

    def create(self, ticket_id, subject, queue="support"):
        with self._lock:
            self._tickets[ticket_id] = {"id": ticket_id, "subject": subject,
                                        "queue": queue, "status": "open", "assignee": None}

    def load(self, ticket_id):
        time.sleep(self.latency)
        with self._lock:
            try:
                return dict(self._tickets[ticket_id])
            except KeyError:
                raise TicketNotFound(ticket_id) from None

    def save(self, ticket):
        time.sleep(self.latency)
        with self._lock:
            self._tickets[ticket["id"]] = dict(ticket)
