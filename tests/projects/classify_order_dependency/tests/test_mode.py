from modes import current_mode


def test_mode_name_is_lowercase():
    assert current_mode().islower()


def test_default_mode_is_production():
    assert current_mode() == "production"


def test_mode_is_not_empty():
    assert current_mode()
