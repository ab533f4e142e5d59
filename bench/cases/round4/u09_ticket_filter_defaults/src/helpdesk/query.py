PRIORITY_ORDER = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


def build_filters(status=None, team=None, priority=None, base={}):
    """Turn query-string style arguments into a filter dict.

    ``base`` carries saved-view defaults (e.g. the agent's team).
    """
    filters = base
    if status:
        filters["status"] = set(status.split(","))
    if team:
        filters["team"] = {team}
    if priority:
        filters["priority"] = set(priority.split(","))
    return filters


def matches(ticket, filters):
    for attr, allowed in filters.items():
        if getattr(ticket, attr) not in allowed:
            return False
    return True


def sort_key(ticket):
    return (PRIORITY_ORDER.get(ticket.priority, 9), ticket.opened, ticket.id)
