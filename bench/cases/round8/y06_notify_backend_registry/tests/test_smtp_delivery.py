import time


def test_production_default_is_smtp(service):
    result = service.send("shipped", "eve@example.com", name="Eve", order="B-12")
    assert result["backend"] == "smtp"
    assert result["receipt"].startswith("smtp:localhost:")


def test_sender_header_is_set(service):
    time.sleep(0.01)
    result = service.send("welcome", "dee@example.com", backend="sandbox", name="Dee")
    assert result["receipt"].startswith("sandbox:")
