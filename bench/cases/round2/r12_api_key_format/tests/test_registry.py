import pytest

from keyring import AuthError


def test_revoked_key_id_is_listed_no_more(registry, acme_key):
    registry.revoke(acme_key.key_id)
    assert registry.keys_for("acme") == []


def test_garbage_key_rejected(registry):
    with pytest.raises(AuthError):
        registry.authenticate("hello")


def test_wrong_secret_rejected(registry, acme_key):
    forged = f"sk_live_{acme_key.key_id}_AAAAAAAAAAAAAAAAAAAAAAAA"
    with pytest.raises(AuthError, match="bad secret"):
        registry.authenticate(forged)


def test_rotated_key_authenticates_for_writes(registry, acme_key):
    new = registry.rotate(acme_key.key_id)
    assert registry.authenticate(str(new), scope="write") == "acme"
    assert registry.keys_for("acme") == [new.key_id]


def test_key_ids_are_distinct(registry):
    ids = {registry.issue("bulk").key_id for _ in range(50)}
    assert len(ids) == 50
