from .ids import IdGenerator
from .context import SpanContext, format_traceparent, parse_traceparent, InvalidHeader
from .tracer import Tracer, Span

__all__ = ["IdGenerator", "SpanContext", "format_traceparent", "parse_traceparent",
           "InvalidHeader", "Tracer", "Span"]
