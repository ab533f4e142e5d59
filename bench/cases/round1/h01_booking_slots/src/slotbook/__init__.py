from .planner import Slot, SlotPlanner
from .desk import Booking, BookingDesk, SlotTaken, SlotTooSoon

__all__ = ["Slot", "SlotPlanner", "Booking", "BookingDesk", "SlotTaken", "SlotTooSoon"]
