from .segments import SegmentWriter
from .shipper import ArchiveShipper
from .trail import AuditTrail

__all__ = ["ArchiveShipper", "AuditTrail", "SegmentWriter"]
