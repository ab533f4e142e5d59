"""CSV export/import used for the weekly hand-over to the partner desk."""
import csv
import io
from datetime import date

from .tickets import Ticket

COLUMNS = ["ref", "subject", "requester", "priority", "opened", "tags"]


def export_csv(tickets):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for t in tickets:
        writer.writerow({
            "ref": t.ref, "subject": t.subject, "requester": t.requester,
            "priority": t.priority, "opened": t.opened.isoformat(), "tags": "|".join(t.tags),
        })
    return out.getvalue()


def _coerce(value):
    """Spreadsheet-style typing of a cell: numbers become numbers."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def import_csv(text):
    tickets = []
    for row in csv.DictReader(io.StringIO(text)):
        cells = {k: _coerce(v) for k, v in row.items()}
        tickets.append(Ticket(
            ref=cells["ref"],
            subject=str(cells["subject"]),
            requester=str(cells["requester"]),
            priority=cells["priority"],
            opened=date.fromisoformat(row["opened"]),
            tags=tuple(t for t in row["tags"].split("|") if t),
        ))
    return tickets
