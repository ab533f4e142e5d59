import pytest

from binstock import BinBusy
from conftest import run_shift


def test_replenish_moves_units(warehouse, scanner):
    warehouse.replenish("A-01", "R-01", "SKU-7", 20, scanner)
    assert warehouse.bins["A-01"].items["SKU-7"] == 30
    assert warehouse.stock("SKU-7") == 130


def test_cannot_overfill_pick_face(warehouse, scanner):
    with pytest.raises(ValueError):
        warehouse.replenish("A-01", "R-01", "SKU-7", 45, scanner)


def test_busy_bin_reported(warehouse, scanner):
    warehouse.bins["R-01"].claim()
    try:
        with pytest.raises(BinBusy):
            warehouse.replenish("A-01", "R-01", "SKU-7", 1, scanner)
    finally:
        warehouse.bins["R-01"].release()


def test_parallel_pickers_on_separate_faces(warehouse, scanner):
    errors = run_shift(
        lambda: warehouse.replenish("A-01", "R-01", "SKU-7", 5, scanner),
        lambda: warehouse.replenish("A-02", "R-01", "SKU-7", 5, scanner),
    )
    assert errors == []
    assert warehouse.stock("SKU-7") == 130


def test_replenish_and_return_same_face(warehouse, scanner):
    errors = run_shift(
        lambda: warehouse.replenish("A-01", "R-01", "SKU-7", 10, scanner),
        lambda: warehouse.put_away_return("A-01", "R-01", "SKU-7", 4, scanner),
    )
    assert errors == []
    assert warehouse.stock("SKU-7") == 130
