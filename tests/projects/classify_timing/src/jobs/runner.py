import threading
import time


class Runner:
    def __init__(self):
        self.done = []

    def _work(self, cost):
        time.sleep(cost)  # the job itself
        self.done.append(cost)

    def run_and_check(self, cost):
        threading.Thread(target=self._work, args=(cost,), daemon=True).start()
        time.sleep(0.05)  # @cause
        return bool(self.done)
