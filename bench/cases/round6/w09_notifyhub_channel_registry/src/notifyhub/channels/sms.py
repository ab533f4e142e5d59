from .base import Channel, DeliveryFailed

SEGMENT = 153  # characters per part of a concatenated SMS


class SmsChannel(Channel):
    kind = "sms"

    def render(self, recipient, message):
        if not recipient.phone:
            raise DeliveryFailed("recipient has no phone number")
        text = " ".join(message.split())
        if len(text) <= 160:
            return [{"to": recipient.phone, "text": text}]
        parts = [text[i:i + SEGMENT] for i in range(0, len(text), SEGMENT)]
        return [
            {"to": recipient.phone, "text": f"({n}/{len(parts)}) {p}"}
            for n, p in enumerate(parts, 1)
        ]
