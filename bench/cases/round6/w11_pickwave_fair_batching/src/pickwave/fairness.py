import random
from collections import OrderedDict


def by_customer(orders):
    groups = OrderedDict()
    for order in sorted(orders, key=lambda o: o.seq):
        groups.setdefault(order.customer, []).append(order)
    return groups


def interleave_customers(orders):
    """Round-robin over customers so one big marketplace seller cannot
    fill a whole wave on its own."""
    groups = by_customer(orders)
    customers = list(groups)
    random.shuffle(customers)
    result = []
    while customers:
        for customer in list(customers):
            queue = groups[customer]
            result.append(queue.pop(0))
            if not queue:
                customers.remove(customer)
    return result
