from dataclasses import dataclass

from .secrets_gen import invite_code, temporary_password


@dataclass
class WelcomeLetter:
    email: str
    code: str
    temporary_password: str


class InviteService:
    def __init__(self, directory):
        self.directory = directory
        self.pending = {}

    def invite(self, email, display_name):
        account = self.directory.create(email, display_name)
        password = temporary_password()
        self.directory.set_password(account, password, temporary=True)
        code = invite_code()
        self.pending[code] = account.email
        return WelcomeLetter(account.email, code, password)

    def accept(self, code):
        email = self.pending.pop(code)
        account = self.directory.get(email)
        account.active = True
        return account
