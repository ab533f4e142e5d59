import itertools
import threading


class Dispatcher:
    def __init__(self, planner):
        self._planner = planner
        self._drivers = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def register(self, driver_id, position, mailbox):
        with self._lock:
            self._drivers[driver_id] = {"pos": position, "mailbox": mailbox, "busy": False}

    def nearest_free(self, pickup):
        with self._lock:
            free = [(d, info) for d, info in self._drivers.items() if not info["busy"]]
        if not free:
            return None
        return min(free, key=lambda item: self._planner.eta_minutes(item[1]["pos"], pickup))[0]

    def assign(self, order):
        driver = self.nearest_free(order["pickup"])
        if driver is None:
            raise LookupError("no free driver")
        with self._lock:
            info = self._drivers[driver]
            info["busy"] = True
        eta = self._planner.eta_minutes(info["pos"], order["pickup"])
        assignment = {"id": next(self._ids), "order": order["ref"], "driver": driver, "eta": eta}
        info["mailbox"].deliver(assignment)
        return assignment

    def release(self, driver_id):
        with self._lock:
            self._drivers[driver_id]["busy"] = False
