import os


class SmtpBackend:
    name = "smtp"

    def __init__(self, host="localhost", port=25):
        self.host = host
        self.port = port
        self.queued = []

    def deliver(self, message):
        self.queued.append(message)
        return f"smtp:{self.host}:{len(self.queued)}"


class SandboxBackend:
    name = "sandbox"

    def __init__(self):
        self.outbox = []

    def deliver(self, message):
        self.outbox.append(message)
        return f"sandbox:{len(self.outbox)}"


class BackendRegistry:
    def __init__(self, default, backends):
        self.default = default
        self.backends = backends

    @classmethod
    def from_env(cls, environ):
        backends = {
            "smtp": SmtpBackend(environ.get("NOTIFY_SMTP_HOST", "localhost"),
                                int(environ.get("NOTIFY_SMTP_PORT", "25"))),
            "sandbox": SandboxBackend(),
        }
        default = environ.get("NOTIFY_BACKEND", "smtp")
        return cls(default, backends)

    def get(self, name=None):
        return self.backends[name or self.default]


_registry = None


def registry():
    global _registry
    if _registry is None:
        _registry = BackendRegistry.from_env(os.environ)
    return _registry


def reset_registry():
    global _registry
    _registry = None
