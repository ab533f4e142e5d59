import pytest

from staffdir import PasswordPolicy, WeakPassword


def test_good_password():
    assert PasswordPolicy().check("Tr0ubad0r") == "Tr0ubad0r"


@pytest.mark.parametrize("pw,problem", [
    ("short1A", "shorter"),
    ("alllowercase1", "no upper"),
    ("NoDigitsHere", "no digit"),
])
def test_problems(pw, problem):
    with pytest.raises(WeakPassword, match=problem):
        PasswordPolicy().check(pw)
