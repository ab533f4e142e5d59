"""CSRF form tokens with periodically rotating signing keys."""

from .keys import KeyRing
from .tokens import issue_token, verify_token

__all__ = ["KeyRing", "issue_token", "verify_token"]
