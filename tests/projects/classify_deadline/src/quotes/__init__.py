from .desk import Desk

__all__ = ["Desk"]
