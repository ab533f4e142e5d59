from .query import build_filters, matches, sort_key
from .tickets import SAMPLE


def search(tickets=None, **params):
    tickets = SAMPLE if tickets is None else tickets
    filters = build_filters(**params)
    return [t.id for t in sorted(tickets, key=sort_key) if matches(t, filters)]


SAVED_VIEWS = {
    "my-network-queue": {"team": "network", "status": "open,pending"},
    "escalations": {"priority": "urgent,high", "status": "open"},
}


def saved_view(name, tickets=None):
    tickets = SAMPLE if tickets is None else tickets
    filters = build_filters(base={}, **SAVED_VIEWS[name])
    return [t.id for t in sorted(tickets, key=sort_key) if matches(t, filters)]


def counts_by_team(tickets=None, **params):
    ids = set(search(tickets, **params))
    counts = {}
    for t in SAMPLE if tickets is None else tickets:
        if t.id in ids:
            counts[t.team] = counts.get(t.team, 0) + 1
    return dict(sorted(counts.items()))
