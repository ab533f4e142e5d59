from .booking import BookingDesk, QuoteExpired
from .bureau import SandboxBureau
from .quotes import QuoteEngine

__all__ = ["BookingDesk", "QuoteEngine", "QuoteExpired", "SandboxBureau"]
