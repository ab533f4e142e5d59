from .clock import SystemClock
from .login import LoginService, LoginError
from .totp import TotpGenerator

__all__ = ["SystemClock", "LoginService", "LoginError", "TotpGenerator"]
