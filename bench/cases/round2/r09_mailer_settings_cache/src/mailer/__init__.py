from .settings import MailSettings, get_settings
from .compose import compose, Message
from .templates import render

__all__ = ["MailSettings", "get_settings", "compose", "Message", "render"]
