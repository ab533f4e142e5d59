from dataclasses import dataclass, field

from .settings import get_settings
from .templates import render


@dataclass
class Message:
    sender: str
    to: list[str]
    subject: str
    body: str
    headers: dict = field(default_factory=dict)


def compose(template: str, to: list[str], **context) -> Message:
    settings = get_settings()
    if not to:
        raise ValueError("no recipients")
    if len(to) > settings.max_recipients:
        raise ValueError(f"too many recipients ({len(to)} > {settings.max_recipients})")
    context.setdefault("brand", settings.brand)
    subject, body = render(template, context, settings.footer)
    headers = {}
    if settings.reply_to:
        headers["Reply-To"] = settings.reply_to
    return Message(settings.sender, list(to), subject, body, headers)
