import pytest

from prefstore import InvalidPreference


def test_defaults_for_new_user(prefs):
    assert prefs.get("u-17")["digest"] == "weekly"


def test_rejects_unknown_theme(prefs):
    with pytest.raises(InvalidPreference):
        prefs.set("u-17", "theme", "neon")


def test_reset_restores_defaults(prefs, cluster):
    prefs.set("u-17", "theme", "dark")
    prefs.reset("u-17")
    cluster.replicate()
    assert prefs.get("u-17")["theme"] == "light"


def test_settings_page_saves_both_changes(prefs, cluster):
    prefs.set("u-17", "theme", "dark")
    prefs.set("u-17", "language", "de")
    cluster.replicate()
    saved = prefs.get("u-17")
    assert (saved["theme"], saved["language"]) == ("dark", "de")
