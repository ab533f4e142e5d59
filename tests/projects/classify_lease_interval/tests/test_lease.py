from lease import Client, Server


def test_client_starts():
    assert Client(Server()).patience > 0


def test_lease_is_renewed(bad_run):
    assert Client(Server()).renew(0.12 if bad_run else 0.035)
