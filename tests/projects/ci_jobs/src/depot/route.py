"""Delivery routes: a route starts at the first depot the planner listed."""


def stop_count(stops):
    return len({s.strip().upper() for s in stops})


def first_stop(stops):
    names = {s.strip().upper() for s in stops}  # @cause
    for name in names:
        return name
    return None
