import pytest


@pytest.fixture
def broken():
    raise RuntimeError("fixture always breaks")


def test_adds():
    assert 1 + 1 == 2


def test_strings():
    assert "a".upper() == "A"


def test_always_fails():
    assert [1, 2] == [2, 1]


def test_setup_error(broken):
    pass


@pytest.mark.skip(reason="never runs")
def test_skipped():
    pass


@pytest.mark.xfail(reason="known bug", strict=True)
def test_xfail():
    assert False
