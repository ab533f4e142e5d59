import threading

from .ranking import dense_ranks, rank_key


class Leaderboard:
    def __init__(self, entries=()):
        self._entries = list(entries)
        self._lock = threading.Lock()
        self._by_player = {}
        for e in self._entries:
            self._remember(e)

    def _remember(self, entry):
        best = self._by_player.get(entry.player)
        if best is None or entry.adjusted > best.adjusted:
            self._by_player[entry.player] = entry

    def submit(self, entry):
        with self._lock:
            self._entries.append(entry)
            self._remember(entry)

    def __len__(self):
        return len(self._entries)

    def best_of(self, player):
        return self._by_player.get(player)

    def top(self, n=10):
        self._entries.sort(key=rank_key)
        return dense_ranks(self._entries[:n])
