from . import compat
from .relay import Relay


def create_relay(config):
    subscriptions = {s["url"]: set(s["events"]) for s in config.get("subscriptions", [])}
    headers = {}
    if config.get("legacy_subscribers"):
        compat.enable_v1_encoding()
        headers.update(compat.V1_HEADERS)
    return Relay(subscriptions, config["secret"], extra_headers=headers)
