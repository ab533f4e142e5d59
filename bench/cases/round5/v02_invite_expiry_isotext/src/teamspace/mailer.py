import random
import time
from string import Template

WELCOME = Template(
    "Hi $email,\n\n$inviter invited you to join $workspace.\n"
    "Accept here: https://teamspace.example/invite/$token\n"
)


class Outbox:
    """Collects rendered mail; `send_delay` models the SMTP relay hand-off."""

    def __init__(self, send_delay=0.0, handshake=(0.0, 0.0)):
        self.sent = []
        self.send_delay = send_delay
        self.handshake = handshake
        self.connected = False

    def connect(self):
        """EHLO/STARTTLS with the relay; the relay's greeting delay varies."""
        time.sleep(random.uniform(*self.handshake))
        self.connected = True

    def send(self, to, subject, body):
        time.sleep(self.send_delay)
        self.sent.append({"to": to, "subject": subject, "body": body})


def send_invitation(outbox, invite, inviter, workspace):
    body = WELCOME.substitute(
        email=invite["email"], inviter=inviter, workspace=workspace, token=invite["token"]
    )
    outbox.send(invite["email"], f"Join {workspace} on Teamspace", body)
