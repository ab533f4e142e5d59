import pytest


@pytest.mark.parametrize("x,y", [(1, 2), (3, 4)])
def test_pairs(x, y):
    assert x < y


@pytest.mark.parametrize("word", ["a b", "c::d", "e[f]"], ids=["space here", "colons", "brackets"])
def test_ids(word):
    assert word


@pytest.mark.parametrize("n", [0, 1])
def test_one_fails(n):
    assert n == 0


class TestGroup:
    @pytest.mark.parametrize("v", [True])
    def test_method(self, v):
        assert v
