from dataclasses import dataclass, field
from datetime import date


@dataclass
class Report:
    name: str
    columns: list
    rows: list = field(default_factory=list)
    as_of: date = field(default_factory=date.today)

    def add(self, *values):
        if len(values) != len(self.columns):
            raise ValueError(f"expected {len(self.columns)} values, got {len(values)}")
        self.rows.append(tuple(values))

    def slug(self):
        return "".join(c if c.isalnum() else "-" for c in self.name.lower()).strip("-")
