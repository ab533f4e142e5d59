import hashlib
import os
from dataclasses import dataclass


@dataclass
class Account:
    email: str
    display_name: str
    salt: bytes = b""
    password_hash: bytes = b""
    must_change_password: bool = False
    active: bool = False


class AccountDirectory:
    def __init__(self, policy):
        self.policy = policy
        self._accounts = {}

    def create(self, email, display_name):
        email = email.strip().lower()
        if email in self._accounts:
            raise ValueError(f"{email} already exists")
        account = Account(email, display_name)
        self._accounts[email] = account
        return account

    def get(self, email):
        return self._accounts[email.strip().lower()]

    def set_password(self, account, password, temporary=False):
        self.policy.check(password)
        account.salt = os.urandom(16)
        account.password_hash = hashlib.scrypt(password.encode(), salt=account.salt, n=2**10, r=8, p=1)
        account.must_change_password = temporary

    def verify(self, email, password):
        account = self.get(email)
        digest = hashlib.scrypt(password.encode(), salt=account.salt, n=2**10, r=8, p=1)
        return account.active and digest == account.password_hash
