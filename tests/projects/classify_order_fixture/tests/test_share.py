from abacus import share


def test_share_whole():
    assert share(9, 3) == 3


def test_share_thirds():
    assert str(share(10, 3)) == "3.333333333333333333333333333"


def test_share_halves():
    assert share(5, 2) == 2.5
