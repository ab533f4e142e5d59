import uuid


def new_id(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:16]}"
