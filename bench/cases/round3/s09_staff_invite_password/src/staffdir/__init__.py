from .directory import Directory, DuplicateUser
from .invites import InviteService
from .policy import PasswordPolicy, WeakPassword

__all__ = ["Directory", "DuplicateUser", "InviteService", "PasswordPolicy", "WeakPassword"]
