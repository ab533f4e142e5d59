from abacus import Till


def test_empty_total():
    assert Till().total() == 0


def test_two_lines():
    t = Till()
    t.add("1.25")
    t.add("2.50")
    assert t.total() == 3.75


def test_pocket_total(pocket_till):
    pocket_till.add("1.5")
    assert pocket_till.total() == 1.5


def test_lines_kept():
    t = Till()
    t.add("3")
    assert len(t.lines) == 1
