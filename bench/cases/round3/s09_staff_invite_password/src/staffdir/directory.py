class DuplicateUser(KeyError):
    pass


class Directory:
    def __init__(self):
        self._users = {}

    def add(self, email, name, password_hash, must_change=False):
        key = email.lower()
        if key in self._users:
            raise DuplicateUser(email)
        self._users[key] = {"email": key, "name": name, "hash": password_hash, "must_change": must_change}
        return self._users[key]

    def get(self, email):
        return self._users[email.lower()]

    def set_password(self, email, password_hash):
        user = self.get(email)
        user["hash"] = password_hash
        user["must_change"] = False
