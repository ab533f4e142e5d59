import string


class WeakPassword(ValueError):
    pass


class PasswordPolicy:
    """Company password rules (also enforced by the SSO provider)."""

    def __init__(self, min_length=8, classes=("lower", "upper", "digit")):
        self.min_length = min_length
        self.classes = classes

    _CHECKS = {
        "lower": lambda pw: any(c in string.ascii_lowercase for c in pw),
        "upper": lambda pw: any(c in string.ascii_uppercase for c in pw),
        "digit": lambda pw: any(c in string.digits for c in pw),
        "symbol": lambda pw: any(c in string.punctuation for c in pw),
    }

    def problems(self, password):
        found = []
        if len(password) < self.min_length:
            found.append("shorter than %d characters" % self.min_length)
        for cls in self.classes:
            if not self._CHECKS[cls](password):
                found.append("no %s character" % cls)
        return found

    def check(self, password):
        found = self.problems(password)
        if found:
            raise WeakPassword("; ".join(found))
        return password
