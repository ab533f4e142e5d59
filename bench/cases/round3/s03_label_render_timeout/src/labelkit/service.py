"""Front end used by the warehouse packing stations."""
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout

from .render import render_label

RENDER_TIMEOUT = 0.15  # seconds a packing station waits for a label


class RenderTimeout(Exception):
    pass


class LabelService:
    def __init__(self, fonts, workers=2):
        self._fonts = fonts
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="render")
        self.printed = []

    def print_label(self, label, timeout=RENDER_TIMEOUT):
        future = self._pool.submit(render_label, self._fonts, label)
        try:
            job = future.result(timeout=timeout)
        except FutureTimeout:
            raise RenderTimeout("label for %r not rendered in %.2fs" % (label.lines[:1], timeout))
        self.printed.append(job)
        return job

    def close(self):
        self._pool.shutdown(wait=True)
