from .report import Report
from .service import ReportService

__all__ = ["Report", "ReportService"]
