from shipper import LogShipper


def test_batches_respect_size(sink):
    s = LogShipper(sink, batch_size=5)
    for i in range(12):
        s.ship("r%d" % i)
    s.close()
    assert all(len(b) <= 5 for b in sink.batches)
    assert sink.received() == ["r%d" % i for i in range(12)]


def test_close_flushes(shipper, sink):
    shipper.ship("last words")
    shipper.close()
    assert sink.received() == ["last words"]


def test_month_end_burst_is_not_dropped(app_logger, shipper, sink):
    for n in range(120):
        app_logger.info("invoice INV-%04d rendered", n)
    shipper.close()
    assert shipper.dropped == 0
    assert len(sink.received()) == 120
