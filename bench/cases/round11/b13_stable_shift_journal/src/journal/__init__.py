from .clock import utc_stamp, shift_for, parse_stamp
from .writer import JournalWriter
from .archive import archive_day, read_archive
from .flusher import PeriodicFlusher

__all__ = ["utc_stamp", "shift_for", "parse_stamp", "JournalWriter",
           "archive_day", "read_archive", "PeriodicFlusher"]
