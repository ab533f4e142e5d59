from .framing import FrameEncoder, FrameError, decode_frame
from .bus import Bus, Publisher

__all__ = ["FrameEncoder", "FrameError", "decode_frame", "Bus", "Publisher"]
