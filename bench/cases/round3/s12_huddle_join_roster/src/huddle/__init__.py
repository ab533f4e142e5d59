from .hub import Hub
from .rooms import RoomService
from .store import AvatarService, PresenceStore

__all__ = ["AvatarService", "Hub", "PresenceStore", "RoomService"]
