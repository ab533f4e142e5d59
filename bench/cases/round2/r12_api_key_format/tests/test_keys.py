import pytest

from keyring import MalformedKey, format_key, parse_key


def test_format_and_parse_fixed_key():
    raw = format_key("test", "ab12cd34", "Zx9-QwErTy")
    assert raw == "sk_test_ab12cd34_Zx9-QwErTy"
    key = parse_key(raw)
    assert (key.env, key.key_id, key.secret) == ("test", "ab12cd34", "Zx9-QwErTy")


def test_parse_rejects_other_prefix():
    with pytest.raises(MalformedKey):
        parse_key("pk_live_ab12cd34_secret")


def test_unknown_env_rejected():
    with pytest.raises(ValueError):
        format_key("prod", "x", "y")
