from .spool import Spool
