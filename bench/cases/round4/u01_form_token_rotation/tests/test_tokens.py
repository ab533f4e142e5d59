from formguard.keys import KeyRing
from formguard.tokens import issue_token, parse_token, verify_token


def test_token_roundtrip(ring):
    token = issue_token(ring, "sess-1", "contact")
    assert verify_token(ring, token, "sess-1", "contact")


def test_token_bound_to_session(ring):
    token = issue_token(ring, "sess-1", "contact")
    assert not verify_token(ring, token, "sess-2", "contact")


def test_token_bound_to_form(ring):
    token = issue_token(ring, "sess-1", "contact")
    assert not verify_token(ring, token, "sess-1", "newsletter")


def test_malformed_token_rejected(ring):
    assert not verify_token(ring, "not-a-token", "sess-1", "contact")
    assert not verify_token(ring, "", "sess-1", "contact")


def test_tampered_mac_rejected(ring):
    nonce, mac = parse_token(issue_token(ring, "sess-1", "contact"))
    forged = nonce + "." + ("0" if mac[0] != "0" else "1") + mac[1:]
    assert not verify_token(ring, forged, "sess-1", "contact")


def test_keys_differ_between_periods():
    ring = KeyRing(b"k", period=60)
    a = ring.key_for(ring.period_index(at=0))
    b = ring.key_for(ring.period_index(at=61))
    assert a != b
    assert ring.key_for(ring.period_index(at=59)) == a
