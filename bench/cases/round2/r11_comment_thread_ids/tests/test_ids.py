import pytest

from threads.ids import kind_of, new_id


def test_new_id_has_kind_prefix():
    assert kind_of(new_id("cmt")) == "cmt"


def test_ids_are_unique():
    assert len({new_id("x") for _ in range(500)}) == 500


def test_kind_of_rejects_garbage():
    with pytest.raises(ValueError):
        kind_of("nounderscore")
