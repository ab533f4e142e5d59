import hashlib
import hmac
import json

from .http import DeliveryError, post_json
from .settings import PROFILES, apply_network_settings


def sign(secret, payload):
    body = json.dumps(payload, sort_keys=True).encode()
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class Dispatcher:
    def __init__(self, settings):
        self.settings = settings
        self.log = []

    @classmethod
    def from_profile(cls, name):
        return cls(apply_network_settings(PROFILES[name]))

    def deliver(self, url, event, payload):
        headers = {
            "User-Agent": self.settings.user_agent,
            "X-Hookshot-Event": event,
            "X-Hookshot-Signature": sign(self.settings.signing_secret, payload),
        }
        last_error = None
        for attempt in range(1, self.settings.max_attempts + 1):
            try:
                status = post_json(url, payload, headers)
            except OSError as exc:
                last_error = exc
                self.log.append((url, attempt, repr(exc)))
                continue
            self.log.append((url, attempt, status))
            if status < 500:
                return status
        raise DeliveryError(f"{url}: gave up after {self.settings.max_attempts} attempts: {last_error}")
