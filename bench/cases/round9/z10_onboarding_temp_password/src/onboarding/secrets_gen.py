import random
import string

ALPHABET = string.ascii_letters + string.digits


def temporary_password(length=8):
    """One-time password printed on the welcome letter."""
    return "".join(random.choices(ALPHABET, k=length))


def invite_code():
    return "-".join("".join(random.choices(string.ascii_uppercase, k=4)) for _ in range(3))
