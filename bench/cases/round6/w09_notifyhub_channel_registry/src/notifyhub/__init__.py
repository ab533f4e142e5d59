from .channels import Channel, channel_for
from .dispatcher import Dispatcher, Recipient

__all__ = ["Channel", "channel_for", "Dispatcher", "Recipient"]
