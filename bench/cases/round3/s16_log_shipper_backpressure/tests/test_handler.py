import json


def test_record_serialised(app_logger, shipper, sink):
    app_logger.info("invoice %s sent", "INV-9")
    shipper.close()
    (rec,) = [json.loads(r) for r in sink.received()]
    assert rec == {"service": "billing", "level": "INFO", "logger": "billing-api", "msg": "invoice INV-9 sent"}


def test_exception_attached(app_logger, shipper, sink):
    try:
        1 / 0
    except ZeroDivisionError:
        app_logger.exception("boom")
    shipper.close()
    assert "ZeroDivisionError" in json.loads(sink.received()[0])["exc"]


def test_debug_filtered(app_logger, shipper, sink):
    app_logger.debug("noise")
    shipper.close()
    assert sink.received() == []
