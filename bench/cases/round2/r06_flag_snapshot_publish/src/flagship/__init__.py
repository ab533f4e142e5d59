from .rules import Rule, compile_rule
from .client import FlagClient
from .poller import Poller

__all__ = ["Rule", "compile_rule", "FlagClient", "Poller"]
