import pytest

from conftest import T0
from digest.builder import personal_digest
from digest.prefs import DigestPrefs, apply_prefs


def test_own_activity_hidden_by_default(activities):
    kept = apply_prefs(DigestPrefs("maya"), activities)
    assert [a.actor for a in kept] == ["li"]


def test_muting_an_actor(activities):
    prefs = DigestPrefs("sam")
    prefs.mute("li")
    assert all(a.actor != "li" for a in apply_prefs(prefs, activities))


def test_cannot_mute_yourself():
    with pytest.raises(ValueError):
        DigestPrefs("sam").mute("sam")


def test_personal_digest_respects_verbs(feed):
    prefs = DigestPrefs("sam", verbs={"merged"})
    text = personal_digest(prefs, feed, 0, T0 * 2)
    assert "merged" in text and "opened" not in text
