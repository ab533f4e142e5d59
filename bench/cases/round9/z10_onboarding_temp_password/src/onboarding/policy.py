import string


class WeakPassword(ValueError):
    pass


class PasswordPolicy:
    def __init__(self, min_length=8, require_digit=True, require_upper=True, require_lower=True,
                 banned=("password", "letmein", "welcome")):
        self.min_length = min_length
        self.require_digit = require_digit
        self.require_upper = require_upper
        self.require_lower = require_lower
        self.banned = banned

    def problems(self, password):
        found = []
        if len(password) < self.min_length:
            found.append(f"shorter than {self.min_length} characters")
        if self.require_digit and not any(c in string.digits for c in password):
            found.append("needs a digit")
        if self.require_upper and not any(c in string.ascii_uppercase for c in password):
            found.append("needs an upper-case letter")
        if self.require_lower and not any(c in string.ascii_lowercase for c in password):
            found.append("needs a lower-case letter")
        if any(word in password.lower() for word in self.banned):
            found.append("contains a banned word")
        return found

    def check(self, password):
        problems = self.problems(password)
        if problems:
            raise WeakPassword("; ".join(problems))
