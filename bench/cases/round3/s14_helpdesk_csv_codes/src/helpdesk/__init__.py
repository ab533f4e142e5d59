from .tickets import Ticket, TicketQueue
from .csvio import export_csv, import_csv

__all__ = ["Ticket", "TicketQueue", "export_csv", "import_csv"]
