from .keys import ApiKey, MalformedKey, format_key, generate_secret, parse_key
from .registry import KeyRegistry, AuthError

__all__ = ["ApiKey", "MalformedKey", "format_key", "generate_secret", "parse_key",
           "KeyRegistry", "AuthError"]
