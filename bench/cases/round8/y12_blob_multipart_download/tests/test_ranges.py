import pytest

from blobfetch.ranges import split_ranges


def test_exact_multiple():
    assert split_ranges(200, 100) == [(0, 100), (100, 200)]


def test_tail_range_is_short():
    assert split_ranges(250, 100)[-1] == (200, 250)


def test_bad_part_size():
    with pytest.raises(ValueError):
        split_ranges(10, 0)
