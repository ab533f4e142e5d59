import socket
from dataclasses import dataclass


@dataclass(frozen=True)
class DeliverySettings:
    connect_timeout: float = None
    max_attempts: int = 3
    signing_secret: str = "whsec_dev"
    user_agent: str = "hookshot/2.3"


PROFILES = {
    "default": DeliverySettings(),
    # used by the health-check sweeper: give up quickly on dead endpoints
    "fast-fail": DeliverySettings(connect_timeout=0.05, max_attempts=1),
}


def apply_network_settings(settings):
    if settings.connect_timeout is not None:
        socket.setdefaulttimeout(settings.connect_timeout)
    return settings
