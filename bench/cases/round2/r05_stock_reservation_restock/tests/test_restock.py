from conftest import place_orders
from warehouse import RestockJob


def test_restock_alone(ledger):
    job = RestockJob(ledger, {"TEE-XL": 10}, max_delay=0.01).start()
    assert job.wait()
    assert ledger.level("TEE-XL").available == 15


def test_checkout_during_restock_keeps_books_balanced(ledger, journal):
    job = RestockJob(ledger, {"MUG-01": 40}).start()
    place_orders(ledger, "MUG-01", 20, qty=2)
    assert job.wait()
    level = ledger.level("MUG-01")
    assert level.reserved == 40
    assert len(journal.active("MUG-01")) == 20
    assert level.available == 100 + 40 - 40, "inbound delivery lost"
