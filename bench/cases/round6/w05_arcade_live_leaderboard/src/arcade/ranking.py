def normalise_name(player):
    return player.strip().casefold()


def rank_key(entry):
    """Highest adjusted score first; earlier finish wins ties, then name."""
    return (-entry.adjusted, entry.finished_at, normalise_name(entry.player))


def dense_ranks(entries):
    ranks = []
    previous = None
    rank = 0
    for entry in entries:
        if entry.adjusted != previous:
            rank += 1
            previous = entry.adjusted
        ranks.append((rank, entry))
    return ranks
