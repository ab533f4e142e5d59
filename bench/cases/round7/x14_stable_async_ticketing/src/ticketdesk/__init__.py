from .server import SeatServer
from .client import SeatClient
from .booking import BookingDesk

__all__ = ["SeatServer", "SeatClient", "BookingDesk"]
