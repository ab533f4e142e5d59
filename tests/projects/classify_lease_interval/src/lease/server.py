import time


class Server:
    def __init__(self):
        self.renewals = 0

    def handle(self, cost, reply):
        time.sleep(cost)  # the renewal itself
        self.renewals += 1
        reply.set()
