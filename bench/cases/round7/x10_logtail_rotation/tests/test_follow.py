from conftest import serve_requests


def test_existing_content_is_skipped(log_path, follower, scanner, app_log):
    app_log.write("GET /health 200")
    scanner.pump(until="/health")
    assert scanner.seen == 1


def test_alerts_are_extracted(app_log, scanner):
    serve_requests(app_log, ["GET / 200", "ERROR upstream timeout", "GET /a 200"])
    scanner.pump(until="/a 200")
    assert scanner.alerts == ["upstream timeout"]


def test_quiet_log_returns(scanner):
    scanner.pump()
    assert scanner.alerts == []


def test_alert_after_rotation_is_seen(app_log, scanner):
    traffic = ["GET /orders/%d 200 user=alice agent=mobile-app/5.2" % i for i in range(8)]
    traffic.append("ERROR payment provider unreachable")
    traffic.append("GET /done 200")
    serve_requests(app_log, traffic)
    scanner.pump(until="/done")
    assert app_log.rotations == 1
    assert scanner.alerts == ["payment provider unreachable"]
