import secrets

from . import clock
from .mailer import send_invitation


class InviteError(Exception):
    pass


class InviteExpired(InviteError):
    pass


class Invitations:
    def __init__(self, rows, outbox, workspace="Acme", ttl_seconds=72 * 3600):
        self.rows = rows
        self.outbox = outbox
        self.workspace = workspace
        self.ttl = clock.seconds(ttl_seconds)

    def invite(self, email, inviter):
        token = secrets.token_urlsafe(16)
        row = {
            "token": token,
            "email": email.lower(),
            "inviter": inviter,
            "created_at": clock.to_db(clock.utcnow()),
            "expires_at": clock.db_after(self.ttl),
            "accepted": False,
        }
        self.rows.put("invites", token, row)
        send_invitation(self.outbox, row, inviter, self.workspace)
        return token

    def pending(self):
        now = clock.db_now()
        return [r for r in self.rows.select("invites", accepted=False) if r["expires_at"] >= now]

    def accept(self, token, name):
        row = self.rows.get("invites", token)
        if row is None:
            raise InviteError("unknown invitation")
        if row["accepted"]:
            raise InviteError("invitation already used")
        if clock.db_now() > row["expires_at"]:
            raise InviteExpired(f"invitation for {row['email']} expired")
        row["accepted"] = True
        self.rows.put("invites", token, row)
        member = {"email": row["email"], "name": name, "invited_by": row["inviter"]}
        self.rows.put("members", row["email"], member)
        return member

    def revoke(self, token):
        self.rows.delete("invites", token)
