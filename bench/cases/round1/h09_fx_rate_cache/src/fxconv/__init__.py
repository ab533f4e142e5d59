from .rates import UnknownPair, get_rate, known_currencies
from .money import convert, format_money
from .invoice import Invoice

__all__ = ["UnknownPair", "get_rate", "known_currencies", "convert", "format_money", "Invoice"]
