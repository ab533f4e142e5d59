from .exporters import load_exporter


class ReportService:
    def __init__(self, default_format="csv"):
        self.default_format = default_format
        self.history = []

    def export(self, report, fmt=None):
        exporter = load_exporter(fmt or self.default_format)
        path = exporter.write(report)
        self.history.append((report.name, str(path)))
        return path

    def export_all(self, reports, fmt=None):
        return [self.export(r, fmt) for r in reports]
