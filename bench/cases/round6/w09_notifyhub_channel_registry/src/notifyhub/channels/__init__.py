from .base import Channel, DeliveryFailed, channel_for
from .email import EmailChannel
from .sms import SmsChannel

__all__ = ["Channel", "DeliveryFailed", "channel_for", "EmailChannel", "SmsChannel"]
