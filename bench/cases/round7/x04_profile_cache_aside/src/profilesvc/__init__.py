from .cache import AsyncCache
from .db import ProfileDB
from .service import ProfileService
from .views import ProfilePage

__all__ = ["AsyncCache", "ProfileDB", "ProfileService", "ProfilePage"]
