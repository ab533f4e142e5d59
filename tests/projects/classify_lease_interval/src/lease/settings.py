from dataclasses import dataclass


@dataclass(frozen=True)
class ClientSettings:
    reply_wait: float = 0.05  # @cause
    retries: int = 0


DEFAULTS = ClientSettings()
