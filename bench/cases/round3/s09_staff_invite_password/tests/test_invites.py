import pytest

from staffdir import DuplicateUser, WeakPassword


def test_new_staff_member_gets_invite_mail(invites, directory, outbox):
    password = invites.invite("Jonas@Example.com", "Jonas")
    assert directory.get("jonas@example.com")["must_change"] is True
    assert outbox[0]["password"] == password


def test_duplicate_user_rejected(directory, existing_user):
    with pytest.raises(DuplicateUser):
        directory.add(existing_user.upper(), "Lena again", "x$y")


def test_change_password_clears_flag(invites, directory, existing_user):
    invites.change_password(existing_user, "Start1234", "Winter2026x")
    assert directory.get(existing_user)["must_change"] is False


def test_change_password_wrong_old(invites, existing_user):
    with pytest.raises(PermissionError):
        invites.change_password(existing_user, "nope", "Winter2026x")


def test_change_password_enforces_policy(invites, existing_user):
    with pytest.raises(WeakPassword):
        invites.change_password(existing_user, "Start1234", "winter")
