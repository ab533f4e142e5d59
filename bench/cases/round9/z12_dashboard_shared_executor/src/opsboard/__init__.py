from .app import App
from .page import render_dashboard

__all__ = ["App", "render_dashboard"]
