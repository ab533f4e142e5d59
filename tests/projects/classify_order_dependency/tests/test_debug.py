from modes import current_mode, enable_debug


def test_a_mode_is_known():
    assert current_mode() in ("production", "debug")


def test_enable_debug():
    enable_debug()
    assert current_mode() == "debug"


def test_mode_is_a_string():
    assert isinstance(current_mode(), str)
