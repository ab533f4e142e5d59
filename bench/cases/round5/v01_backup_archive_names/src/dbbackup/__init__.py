"""Small logical backups for the shop's embedded database."""

__version__ = "0.4.2"
