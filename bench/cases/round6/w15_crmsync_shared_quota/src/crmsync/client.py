from . import config
from .presence import PresenceHeartbeat
from .quota import TokenBucket


class CrmClient:
    def __init__(self, transport, heartbeat=True):
        self.transport = transport
        self.quota = TokenBucket(config.API_RATE_PER_SECOND, config.API_BURST)
        self._presence = None
        if heartbeat:
            self._presence = PresenceHeartbeat(self, config.PRESENCE_INTERVAL)
            self._presence.start()

    def call(self, method, path, body=None):
        self.quota.take(timeout=config.QUOTA_WAIT)
        return self.transport.request(method, path, body)

    def upsert_contact(self, contact):
        existing = self.call("GET", f"/contacts?email={contact['email']}")
        if existing:
            return self.call("PATCH", f"/contacts/{existing['id']}", contact)
        return self.call("POST", "/contacts", contact)

    def sync_contacts(self, contacts):
        return [self.upsert_contact(c) for c in contacts]

    def close(self):
        if self._presence is not None:
            self._presence.stop()
            self._presence.join(timeout=1)
