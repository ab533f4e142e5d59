from depot import first_stop, stop_count


def test_duplicates_count_once():
    assert stop_count(["a", "A ", "b"]) == 2


def test_empty_route_has_no_first_stop():
    assert first_stop([]) is None


def test_route_starts_at_the_first_depot():
    assert first_stop(["north", "south", "east"]) == "NORTH"
