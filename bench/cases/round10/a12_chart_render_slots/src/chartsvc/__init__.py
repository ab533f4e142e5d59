from .limits import Busy, concurrency_limit
from .render import render_chart
from .dashboard import Dashboard

__all__ = ["Busy", "Dashboard", "concurrency_limit", "render_chart"]
