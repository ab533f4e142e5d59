"""A small pool of render worker threads fed from a job queue."""
import itertools
import queue
import random
import threading
import time

from .scene import rasterize


class RenderTimeout(Exception):
    pass


class RenderFarm:
    RESULT_TIMEOUT = 0.08    # seconds render_now() waits for a preview

    def __init__(self, workers=2, stagger=0.2):
        self.stagger = stagger
        self._jobs = queue.Queue()
        self._results = {}
        self._cond = threading.Condition()
        self._ids = itertools.count(1)
        self._threads = [threading.Thread(target=self._work, name="render-%d" % i, daemon=True)
                         for i in range(workers)]
        self.rendered = 0

    def start(self):
        for t in self._threads:
            t.start()
        return self

    def _work(self):
        # Stagger start-up so that workers do not all fetch fonts and
        # textures from the asset store at the same instant.
        time.sleep(random.uniform(0, self.stagger))
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job_id, scene = item
            try:
                out = rasterize(scene)
            except Exception as exc:      # report, keep the worker alive
                out = exc
            with self._cond:
                self._results[job_id] = out
                self.rendered += 1
                self._cond.notify_all()

    def submit(self, scene):
        job_id = next(self._ids)
        self._jobs.put((job_id, scene))
        return job_id

    def result(self, job_id, timeout):
        with self._cond:
            if not self._cond.wait_for(lambda: job_id in self._results, timeout):
                raise RenderTimeout("job %d not rendered after %.2fs" % (job_id, timeout))
            out = self._results.pop(job_id)
        if isinstance(out, Exception):
            raise out
        return out

    def render_now(self, scene):
        """Render a preview synchronously (used by the editor's preview pane)."""
        return self.result(self.submit(scene), self.RESULT_TIMEOUT)

    def stop(self):
        for _ in self._threads:
            self._jobs.put(None)
        for t in self._threads:
            t.join(timeout=2)
