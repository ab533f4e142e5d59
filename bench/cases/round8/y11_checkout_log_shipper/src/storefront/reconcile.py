import logging

log = logging.getLogger("storefront.reconcile")


def reconcile(ledger):
    """Nightly-style reconciliation, also triggered after bulk imports."""
    mismatches = 0
    for entry in ledger:
        if entry["booked"] != entry["settled"]:
            mismatches += 1
            log.warning("mismatch order=%s booked=%s settled=%s",
                        entry["order"], entry["booked"], entry["settled"])
        else:
            log.info("ok order=%s", entry["order"])
    return mismatches
