from .app import create_relay
from .payload import InvalidPayload

__all__ = ["create_relay", "InvalidPayload"]
