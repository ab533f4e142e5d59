import time


def test_staging_sends_go_to_sandbox(service, sandbox_mode):
    result = service.send("welcome", "qa@example.com", name="QA")
    assert result["backend"] == "sandbox"
    assert sandbox_mode.outbox[-1].to == "qa@example.com"


def test_explicit_backend_overrides_default(service):
    time.sleep(0.02)
    result = service.send("reset", "qa@example.com", backend="sandbox", name="QA", code="1")
    assert result["backend"] == "sandbox"
