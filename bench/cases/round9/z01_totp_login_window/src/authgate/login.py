import hashlib
import re
import secrets
from dataclasses import dataclass, field

from .totp import TotpGenerator

CODE_RE = re.compile(r"\b(\d{6})\b")


class LoginError(Exception):
    pass


@dataclass
class Account:
    username: str
    password_hash: str
    phone: str
    otp_secret: bytes
    failed_codes: int = 0
    sessions: list = field(default_factory=list)


def hash_password(password: str, salt: str = "authgate") -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 1000).hex()


class LoginService:
    def __init__(self, sms, otp_step: float = 30.0, clock=None, max_failures: int = 3):
        self.sms = sms
        self.otp_step = otp_step
        self.clock = clock
        self.max_failures = max_failures
        self._accounts = {}
        self._challenges = {}

    def register(self, username: str, password: str, phone: str) -> Account:
        account = Account(username, hash_password(password), phone, secrets.token_bytes(20))
        self._accounts[username] = account
        return account

    def _otp(self, account: Account) -> TotpGenerator:
        return TotpGenerator(account.otp_secret, step=self.otp_step, clock=self.clock)

    def start(self, username: str, password: str) -> str:
        account = self._accounts.get(username)
        if account is None or account.password_hash != hash_password(password):
            raise LoginError("invalid credentials")
        if account.failed_codes >= self.max_failures:
            raise LoginError("account locked")
        challenge = secrets.token_urlsafe(8)
        self._challenges[challenge] = username
        code = self._otp(account).current()
        self.sms.send(account.phone, f"Your sign-in code is {code}")
        return challenge

    def complete(self, challenge: str, code: str) -> str:
        username = self._challenges.get(challenge)
        if username is None:
            raise LoginError("unknown challenge")
        account = self._accounts[username]
        if not self._otp(account).verify(code):
            account.failed_codes += 1
            raise LoginError("wrong or expired code")
        del self._challenges[challenge]
        account.failed_codes = 0
        token = secrets.token_hex(16)
        account.sessions.append(token)
        return token


def extract_code(message: str) -> str:
    match = CODE_RE.search(message)
    if not match:
        raise ValueError(f"no code in {message!r}")
    return match.group(1)
