from .clock import FixedClock, SystemClock
from .rota import Rota, SwapRefused
from .store import RotaStore

__all__ = ["FixedClock", "Rota", "RotaStore", "SwapRefused", "SystemClock"]
