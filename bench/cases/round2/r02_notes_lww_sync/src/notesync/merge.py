from .models import Note


def newer(a: Note, b: Note) -> Note:
    """Last-writer-wins; ties broken by the replica name so all replicas agree."""
    return a if a.version_key >= b.version_key else b


def merge_notes(local: dict, remote: dict) -> dict:
    merged = dict(local)
    for note_id, theirs in remote.items():
        ours = merged.get(note_id)
        merged[note_id] = theirs if ours is None else newer(ours, theirs)
    return merged


def reconcile(*replicas) -> None:
    """Bring every replica to the same state (full mesh, one round)."""
    state: dict = {}
    for r in replicas:
        state = merge_notes(state, r.snapshot())
    for r in replicas:
        r.load(state)
