"""Short, human-friendly ticket references ("quote #3fa9 on the phone")."""
import uuid


def new_reference(taken=()):
    while True:
        ref = uuid.uuid4().hex[:4]
        if ref not in taken:
            return ref
