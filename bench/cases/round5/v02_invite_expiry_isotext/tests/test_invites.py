import time

import pytest

from teamspace.invites import InviteError, InviteExpired, Invitations


def test_invite_sends_welcome_mail(invitations, outbox):
    token = invitations.invite("Bob@Example.org", inviter="alice")
    assert outbox.sent[0]["to"] == "bob@example.org"
    assert token in outbox.sent[0]["body"]


def test_accept_creates_member(invitations, rows):
    token = invitations.invite("carol@example.org", inviter="alice")
    member = invitations.accept(token, name="Carol")
    assert member["invited_by"] == "alice"
    assert rows.get("members", "carol@example.org")["name"] == "Carol"


def test_invitation_cannot_be_used_twice(invitations):
    token = invitations.invite("dan@example.org", inviter="alice")
    invitations.accept(token, name="Dan")
    with pytest.raises(InviteError):
        invitations.accept(token, name="Dan again")


def test_revoked_invitation_is_unknown(invitations):
    token = invitations.invite("erin@example.org", inviter="alice")
    invitations.revoke(token)
    with pytest.raises(InviteError, match="unknown"):
        invitations.accept(token, name="Erin")


def test_invitation_expires(rows, outbox):
    invitations = Invitations(rows, outbox, ttl_seconds=0)
    token = invitations.invite("frank@example.org", inviter="alice")
    time.sleep(0.01)
    with pytest.raises(InviteExpired):
        invitations.accept(token, name="Frank")
    assert invitations.pending() == []


def test_accept_through_staging_relay(rows, relay_outbox):
    invitations = Invitations(rows, relay_outbox, ttl_seconds=1)
    first = invitations.invite("gina@example.org", inviter="alice")
    member = invitations.accept(first, name="Gina")
    assert member["email"] == "gina@example.org"
