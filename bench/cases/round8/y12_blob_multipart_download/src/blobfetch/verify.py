import hashlib


class ChecksumMismatch(ValueError):
    pass


def verify_sha256(data, expected, key=""):
    got = hashlib.sha256(data).hexdigest()
    if got != expected:
        raise ChecksumMismatch(f"{key}: sha256 {got[:12]} != {expected[:12]} ({len(data)} bytes)")
