from .labels import folder_for, normalise

__all__ = ["folder_for", "normalise"]
