"""One-time passwords handed out with staff invitations."""
import hashlib
import secrets
import string

ALPHABET = string.ascii_letters + string.digits


def temporary_password(length=8):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def hash_password(password, salt=None):
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 1000).hex()
    return "%s$%s" % (salt, digest)


def verify_password(password, stored):
    salt, _ = stored.split("$", 1)
    return secrets.compare_digest(hash_password(password, salt), stored)
