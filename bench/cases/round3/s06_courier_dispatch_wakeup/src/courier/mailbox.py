"""Per-driver mailbox: the dispatcher drops an assignment in, the driver's
app thread blocks until one arrives."""
import threading


class AssignmentMailbox:
    def __init__(self, driver_id):
        self.driver_id = driver_id
        self._cond = threading.Condition()
        self._pending = None
        self.delivered = 0

    def deliver(self, assignment):
        with self._cond:
            self._pending = assignment
            self.delivered += 1
            self._cond.notify_all()

    def wait_for_assignment(self, timeout):
        with self._cond:
            if not self._cond.wait(timeout):
                return None
            assignment, self._pending = self._pending, None
            return assignment

    def peek(self):
        with self._cond:
            return self._pending
