import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class MailSettings:
    sender: str
    reply_to: str | None
    brand: str
    footer: bool
    max_recipients: int


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@lru_cache(maxsize=None)
def get_settings() -> MailSettings:
    env = os.environ
    return MailSettings(
        sender=env.get("MAILER_SENDER", "noreply@shop.example"),
        reply_to=env.get("MAILER_REPLY_TO") or None,
        brand=env.get("MAILER_BRAND", "Shop"),
        footer=_flag(env.get("MAILER_FOOTER", "yes")),
        max_recipients=int(env.get("MAILER_MAX_RCPT", "50")),
    )
