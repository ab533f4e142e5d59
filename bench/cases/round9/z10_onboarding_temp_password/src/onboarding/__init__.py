from .accounts import AccountDirectory
from .invites import InviteService
from .policy import PasswordPolicy, WeakPassword

__all__ = ["AccountDirectory", "InviteService", "PasswordPolicy", "WeakPassword"]
