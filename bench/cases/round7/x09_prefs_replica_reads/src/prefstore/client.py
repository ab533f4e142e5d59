DEFAULTS = {
    "theme": "light",
    "language": "en",
    "digest": "weekly",
    "timezone": "UTC",
}

ALLOWED = {
    "theme": {"light", "dark", "contrast"},
    "digest": {"off", "daily", "weekly"},
}


class InvalidPreference(ValueError):
    pass


def _key(user_id):
    return "prefs:%s" % user_id


class PreferencesClient:
    def __init__(self, cluster):
        self.cluster = cluster

    def _stored(self, user_id):
        return self.cluster.read(_key(user_id)) or {}

    def get(self, user_id):
        prefs = dict(DEFAULTS)
        prefs.update(self._stored(user_id))
        return prefs

    def set(self, user_id, name, value):
        if name not in DEFAULTS:
            raise InvalidPreference("unknown preference %r" % name)
        allowed = ALLOWED.get(name)
        if allowed is not None and value not in allowed:
            raise InvalidPreference("%s must be one of %s" % (name, ", ".join(sorted(allowed))))
        stored = self._stored(user_id)
        stored[name] = value
        self.cluster.write(_key(user_id), stored)
        return stored

    def reset(self, user_id):
        self.cluster.write(_key(user_id), {})
