from riskscore import geoip


def test_private_addresses_are_lan():
    assert geoip.lookup("10.1.2.3") == "LAN"


def test_known_range():
    assert geoip.lookup("89.160.20.112") == "SE"
