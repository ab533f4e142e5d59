import pytest


def test_online_change_is_uploaded(device, registry):
    device.change(brightness=80)
    assert registry.state("thermo-17")["brightness"] == 80
    assert len(device.spool) == 0


def test_offline_change_stays_spooled(device, link, registry):
    link.online = False
    device.change(volume=10)
    assert registry.state("thermo-17") is None
    assert len(device.spool) == 1


def test_unknown_setting_is_rejected(device):
    with pytest.raises(KeyError):
        device.change(fan_speed=3)


def test_reconnect_uploads_backlog(device, link, registry):
    link.online = False
    device.change(night_mode=True)
    link.online = True
    assert device.sync() == 1
    assert registry.state("thermo-17")["night_mode"] is True


def test_latest_offline_change_wins_after_reconnect(device, link, registry):
    link.online = False
    device.change(brightness=40)
    device.change(brightness=70)
    link.online = True
    device.sync()
    assert registry.state("thermo-17")["brightness"] == 70
