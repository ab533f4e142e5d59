from .settings import FormatSettings, settings, use_locale
from .numbers import format_amount, format_percent, parse_amount
from .table import render_table

__all__ = ["FormatSettings", "settings", "use_locale", "format_amount", "format_percent",
           "parse_amount", "render_table"]
