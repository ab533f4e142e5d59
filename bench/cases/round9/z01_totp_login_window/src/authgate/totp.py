import hashlib
import hmac
import struct

from .clock import SystemClock


class TotpGenerator:
    """RFC 6238 time-based one-time passwords."""

    def __init__(self, secret: bytes, step: float = 30.0, digits: int = 6, clock=None):
        if step <= 0:
            raise ValueError("step must be positive")
        self.secret = secret
        self.step = step
        self.digits = digits
        self.clock = clock or SystemClock()

    def counter(self) -> int:
        return int(self.clock.now() // self.step)

    def code_for(self, counter: int) -> str:
        digest = hmac.new(self.secret, struct.pack(">Q", counter), hashlib.sha1).digest()
        offset = digest[-1] & 0x0F
        value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
        return str(value % 10 ** self.digits).zfill(self.digits)

    def current(self) -> str:
        return self.code_for(self.counter())

    def verify(self, code: str) -> bool:
        if len(code) != self.digits or not code.isdigit():
            return False
        expected = self.code_for(self.counter())
        return hmac.compare_digest(expected, code)
