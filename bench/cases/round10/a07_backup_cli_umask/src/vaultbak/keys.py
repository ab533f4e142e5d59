import base64
import hashlib
import os


def harden_process():
    """Everything the CLI creates from here on is private to the backup user."""
    os.umask(0o077)


def new_keyfile(path, passphrase=None, rounds=8_000):
    salt = os.urandom(16)
    secret = passphrase.encode() if passphrase else os.urandom(32)
    key = base64.urlsafe_b64encode(hashlib.pbkdf2_hmac("sha256", secret, salt, rounds))
    with open(path, "wb") as fh:
        fh.write(key + b"\n")
    return path
