from .passwords import hash_password, temporary_password, verify_password


class InviteService:
    def __init__(self, directory, policy, outbox):
        self._directory = directory
        self._policy = policy
        self._outbox = outbox

    def invite(self, email, name):
        password = temporary_password()
        self._policy.check(password)
        self._directory.add(email, name, hash_password(password), must_change=True)
        self._outbox.append({"to": email, "subject": "Welcome, %s" % name, "password": password})
        return password

    def change_password(self, email, old, new):
        user = self._directory.get(email)
        if not verify_password(old, user["hash"]):
            raise PermissionError("wrong password")
        self._policy.check(new)
        self._directory.set_password(email, hash_password(new))
