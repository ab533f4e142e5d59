import time


class DeadlineExceeded(TimeoutError):
    pass


class Deadline:
    def __init__(self, seconds):
        self.seconds = seconds
        self.start = time.monotonic()

    def remaining(self):
        return self.seconds - (time.monotonic() - self.start)

    def check(self, stage):
        if self.remaining() < 0:
            raise DeadlineExceeded(f"{stage}: over budget by {-self.remaining():.3f}s")
