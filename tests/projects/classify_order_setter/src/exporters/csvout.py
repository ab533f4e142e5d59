class CsvExporter:
    def __init__(self, delimiter=","):
        self.delimiter = delimiter

    def render(self, rows):
        return "".join(self.delimiter.join(r) + "\n" for r in rows)
