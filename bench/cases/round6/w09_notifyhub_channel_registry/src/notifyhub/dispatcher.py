import logging
from dataclasses import dataclass, field

from .channels import DeliveryFailed, channel_for

log = logging.getLogger("notifyhub")


@dataclass
class Recipient:
    name: str
    email: str = ""
    phone: str = ""
    prefers: list = field(default_factory=lambda: ["email"])


class Dispatcher:
    def __init__(self, fallback="email"):
        self.outbox = []
        self.fallback = fallback
        self.failures = []

    def notify(self, recipient, message):
        for kind in recipient.prefers:
            try:
                if channel_for(kind, self.outbox).send(recipient, message):
                    return kind
            except DeliveryFailed as exc:
                log.info("%s delivery to %s failed: %s", kind, recipient.name, exc)
                self.failures.append((kind, str(exc)))
        if self.fallback and self.fallback not in recipient.prefers:
            channel_for(self.fallback, self.outbox).send(recipient, message)
            return self.fallback
        return None
