"""On-call rota: weekly shifts, fair random initial assignment, swaps."""
import random
import threading
from datetime import timedelta


class SwapRefused(Exception):
    pass


class Rota:
    def __init__(self, engineers, start, weeks, clock, seed=None):
        if not engineers:
            raise ValueError("need at least one engineer")
        self._clock = clock
        self._lock = threading.Lock()
        rng = random.Random(seed)
        order = sorted(engineers)
        rng.shuffle(order)
        self.shifts = []
        for week in range(weeks):
            begins = start + timedelta(weeks=week)
            self.shifts.append({"week": week, "begins": begins, "ends": begins + timedelta(weeks=1),
                                "engineer": order[week % len(order)]})
        self.swaps = 0

    def on_call(self, when=None):
        when = self._clock.now() if when is None else when
        for shift in self.shifts:
            if shift["begins"] <= when < shift["ends"]:
                return shift["engineer"]
        return None

    def swap(self, week_a, week_b):
        with self._lock:
            a, b = self.shifts[week_a], self.shifts[week_b]
            if a["begins"] <= self._clock.now():
                raise SwapRefused("week %d already started" % week_a)
            a["engineer"], b["engineer"] = b["engineer"], a["engineer"]
            self.swaps += 1

    def load(self):
        with self._lock:
            counts = {}
            for shift in self.shifts:
                counts[shift["engineer"]] = counts.get(shift["engineer"], 0) + 1
            return counts
