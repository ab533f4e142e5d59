"""Primary + replicas. One replica is kept in sync, the rest catch up
from the replication log when replicate() runs (every few seconds in
production, explicitly in tests)."""
import random


class Cluster:
    def __init__(self, primary, sync_replica, async_replicas=()):
        self.primary = primary
        self.sync_replica = sync_replica
        self.async_replicas = list(async_replicas)
        self.log = []

    @property
    def nodes(self):
        return [self.primary, self.sync_replica] + self.async_replicas

    def write(self, key, value):
        seq = len(self.log) + 1
        self.log.append((seq, key, value))
        self.primary.apply(seq, key, value)
        self.sync_replica.apply(seq, key, value)
        return seq

    def replicate(self):
        for node in self.async_replicas:
            for seq, key, value in self.log[node.applied:]:
                node.apply(seq, key, value)

    def read(self, key):
        node = random.choice(self.nodes)
        return node.get(key)

    def lag(self):
        head = len(self.log)
        return {n.name: head - n.applied for n in self.nodes}
