from .spool import Spool

__all__ = ["Spool"]
