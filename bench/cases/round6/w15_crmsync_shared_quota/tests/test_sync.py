import pytest

from crmsync import QuotaExceeded, TokenBucket


class StepClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_bucket_refills_over_time():
    clock = StepClock()
    bucket = TokenBucket(rate=10, capacity=2, clock=clock)
    bucket.take()
    bucket.take()
    with pytest.raises(QuotaExceeded):
        bucket.take()
    clock.now = 0.1
    bucket.take()


def test_bucket_never_exceeds_capacity():
    clock = StepClock()
    bucket = TokenBucket(rate=10, capacity=3, clock=clock)
    clock.now = 100
    assert bucket.available() == 3


def test_new_contact_is_created(quiet_client, crm):
    rec = quiet_client.upsert_contact({"email": "ada@example.org", "name": "Ada"})
    assert rec["id"] == 1
    assert crm.log == [("GET", "/contacts?email=ada@example.org"), ("POST", "/contacts")]


def test_existing_contact_is_patched(quiet_client, crm):
    quiet_client.upsert_contact({"email": "ada@example.org", "name": "Ada"})
    quiet_client.upsert_contact({"email": "ada@example.org", "name": "Ada L."})
    assert crm.contacts["ada@example.org"]["name"] == "Ada L."


def test_presence_heartbeat_runs(client, crm):
    assert client._presence.is_alive()


def test_initial_sync_of_new_signups(client, crm):
    signups = [{"email": f"user{i}@example.org", "name": f"User {i}"} for i in range(3)]
    client.sync_contacts(signups)
    assert len(crm.contacts) == 3
