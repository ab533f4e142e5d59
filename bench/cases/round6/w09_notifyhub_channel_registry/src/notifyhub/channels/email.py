from .base import Channel, DeliveryFailed


class EmailChannel(Channel):
    kind = "email"

    def render(self, recipient, message):
        if not recipient.email:
            raise DeliveryFailed("recipient has no e-mail address")
        subject = message.splitlines()[0][:78]
        return [{"to": recipient.email, "subject": subject, "body": message}]
