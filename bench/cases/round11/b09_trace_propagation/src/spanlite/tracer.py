import time
from contextlib import contextmanager

from .context import SpanContext, format_traceparent, parse_traceparent
from .ids import IdGenerator


class Span:
    def __init__(self, name, context, parent_id, service):
        self.name = name
        self.context = context
        self.parent_id = parent_id
        self.service = service
        self.start = time.monotonic()
        self.end = None
        self.attributes = {}

    @property
    def duration(self):
        return None if self.end is None else self.end - self.start


class Tracer:
    def __init__(self, service, exporter, ids=None):
        self.service = service
        self.exporter = exporter
        self.ids = ids or IdGenerator()
        self._stack = []

    @contextmanager
    def span(self, name, parent=None, **attributes):
        if parent is None and self._stack:
            parent = self._stack[-1].context
        trace_id = parent.trace_id if parent else self.ids.trace_id()
        ctx = SpanContext(trace_id, self.ids.span_id(), parent.sampled if parent else True)
        span = Span(name, ctx, parent.span_id if parent else None, self.service)
        span.attributes.update(attributes)
        self._stack.append(span)
        try:
            yield span
        finally:
            span.end = time.monotonic()
            self._stack.pop()
            if ctx.sampled:
                self.exporter.append(span)

    def inject(self, headers):
        if self._stack:
            headers["traceparent"] = format_traceparent(self._stack[-1].context)
        return headers

    def extract(self, headers):
        value = headers.get("traceparent")
        return parse_traceparent(value) if value else None
