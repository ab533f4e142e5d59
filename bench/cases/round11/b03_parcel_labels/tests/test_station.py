import threading

import pytest

from shipping import Order, PackingStation
from shipping.station import service_for


def test_service_by_weight():
    assert service_for(1.2) == "PACKET"
    assert service_for(12) == "PARCEL-XL"
    with pytest.raises(ValueError):
        service_for(40)


def test_single_station_packs_in_order(scale, zones):
    station = PackingStation("S1", scale, zones)
    labels = station.pack_all([Order("B-1", "10115", [("mug", 0.4)]),
                               Order("B-2", "01067", [("kettle", 1.9), ("box", 0.3)])])
    assert [l.service for l in labels] == ["PACKET", "PARCEL"]
    assert labels[1].zone == "11"


def test_parallel_stations_print_unique_barcodes(scale, zones):
    stations = [PackingStation("S%d" % n, scale, zones) for n in (1, 2)]
    batches = [
        [Order("C-%d" % i, "10115", [("book", 0.6)]) for i in range(1, 3)],
        [Order("D-%d" % i, "80331", [("lamp", 2.5)]) for i in range(1, 3)],
    ]
    threads = [threading.Thread(target=s.pack_all, args=(b,)) for s, b in zip(stations, batches)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    barcodes = [l.barcode for s in stations for l in s.labels]
    assert len(barcodes) == 4
    assert len(set(barcodes)) == 4, barcodes
