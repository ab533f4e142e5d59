import pytest

from onboarding import WeakPassword


@pytest.mark.parametrize("pw", ["short1A", "alllowercase1", "NOLOWER123", "NoDigitsHere", "Password123"])
def test_weak_passwords(policy, pw):
    with pytest.raises(WeakPassword):
        policy.check(pw)


def test_strong_password(policy):
    policy.check("Tr4vel-Mug")
