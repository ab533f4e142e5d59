import random


def pick_slot(n):
    return random.randrange(n)  # @cause
