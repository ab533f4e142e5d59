"""Bulk point campaigns, fanned out over worker threads."""
import random
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Campaign:
    name: str
    points_per_action: int


def run_campaign(ledger, campaign, actions, workers=4, splay=0.035):
    """actions: list of member ids, one per qualifying action.

    Workers start after a random splay so that a campaign kicked off on many
    hosts at once does not hammer the promotions service in lockstep.
    """
    chunks = [actions[i::workers] for i in range(workers)]

    def worker(chunk):
        time.sleep(random.uniform(0, splay))
        for member in chunk:
            ledger.award(member, campaign.points_per_action, reason=campaign.name)

    threads = [threading.Thread(target=worker, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(actions)
