from depot import lookup


def test_north_depot_code():
    assert lookup("north") == "N-01"
