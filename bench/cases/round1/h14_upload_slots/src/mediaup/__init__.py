from .slots import NoSlotAvailable, SlotPool
from .uploader import Uploader, content_type_for

__all__ = ["NoSlotAvailable", "SlotPool", "Uploader", "content_type_for"]
