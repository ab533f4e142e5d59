import re
from dataclasses import dataclass

_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


class InvalidHeader(ValueError):
    pass


@dataclass(frozen=True)
class SpanContext:
    trace_id: str
    span_id: str
    sampled: bool = True


def format_traceparent(ctx):
    return "00-%s-%s-%s" % (ctx.trace_id, ctx.span_id, "01" if ctx.sampled else "00")


def parse_traceparent(value):
    m = _TRACEPARENT.match(value.strip().lower())
    if not m:
        raise InvalidHeader("malformed traceparent: %r" % value)
    version, trace_id, span_id, flags = m.groups()
    if version == "ff" or set(trace_id) == {"0"} or set(span_id) == {"0"}:
        raise InvalidHeader("invalid traceparent: %r" % value)
    return SpanContext(trace_id, span_id, bool(int(flags, 16) & 1))
