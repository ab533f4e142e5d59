from .app import App, Request, Response
from .middleware import TimingMiddleware
from .slowlog import SlowLog

__all__ = ["App", "Request", "Response", "TimingMiddleware", "SlowLog"]
