def summarize(client):
    """Sidebar listing: title line of every note, sorted by title."""
    titles = []
    for note_id, body in client.notes.items():
        first = body.strip().splitlines()[0] if body.strip() else "(untitled)"
        titles.append((first[:40], note_id))
    return sorted(titles)


def diverged(a, b):
    """Note ids whose bodies differ between two devices."""
    ids = set(a.notes) | set(b.notes)
    return sorted(i for i in ids if a.notes.get(i) != b.notes.get(i))
