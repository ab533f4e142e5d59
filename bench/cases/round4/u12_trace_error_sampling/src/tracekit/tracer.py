import contextlib
import secrets
import threading
import time

from .span import Span


class MemoryExporter:
    def __init__(self):
        self.traces = {}

    def export(self, spans):
        for span in spans:
            self.traces.setdefault(span.trace_id, []).append(span)


class Tracer:
    """Collects a trace's spans and exports the trace when its root ends.

    Error traces are always kept so that failures can be investigated.
    """

    def __init__(self, sampler, exporter):
        self.sampler = sampler
        self.exporter = exporter
        self._local = threading.local()
        self._buffers = {}

    def _stack(self):
        if not hasattr(self._local, "stack"):
            self._local.stack = []
        return self._local.stack

    @contextlib.contextmanager
    def span(self, name, **attributes):
        stack = self._stack()
        parent = stack[-1] if stack else None
        if parent is None:
            trace_id = secrets.token_hex(16)
            sampled = self.sampler.should_sample(trace_id)
        else:
            trace_id, sampled = parent.trace_id, parent.sampled
        span = Span(name, trace_id, parent.span_id if parent else None, sampled, attributes=dict(attributes))
        stack.append(span)
        try:
            yield span
        except Exception as exc:
            span.record_exception(exc)
            raise
        finally:
            span.end = time.perf_counter()
            stack.pop()
            self._finish(span)

    def _finish(self, span):
        buffer = self._buffers.setdefault(span.trace_id, [])
        buffer.append(span)
        if span.parent_id is not None:
            return
        spans = self._buffers.pop(span.trace_id)
        if not span.sampled:
            return
        self.exporter.export(spans)
