import socket

import pytest

from fleetmon.agent import ReportFailed, boot_fleet, health_report, send_report


def test_single_report_is_stored(collector):
    send_report(collector.address, health_report("cam-01", uptime=5, load=0.25))
    assert collector.reports == [{"device": "cam-01", "load": 0.25, "uptime": 5}]


def test_sequential_reports(collector):
    for i in range(5):
        send_report(collector.address, health_report(f"cam-{i:02d}", uptime=i, load=0.1))
    assert [r["device"] for r in collector.reports] == [f"cam-{i:02d}" for i in range(5)]


def test_oversized_report_is_rejected(collector):
    with socket.create_connection(collector.address) as sock:
        sock.sendall((10**7).to_bytes(4, "big"))
        sock.recv(2)
    assert "exceeds" in collector.errors[0]


def test_unreachable_collector_raises():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    addr = s.getsockname()
    s.close()
    with pytest.raises(ReportFailed):
        send_report(addr, health_report("cam-99", uptime=0, load=0))


def test_fleet_boot_reports_all_devices(durable_collector):
    devices = [f"sensor-{i:02d}" for i in range(7)]
    failures = boot_fleet(durable_collector.address, devices, boot_spread=0.12)
    assert failures == []
    assert sorted(r["device"] for r in durable_collector.reports) == devices
