import os
import resource


def harden_process():
    """Make sure key material written by this process is private and not dumped."""
    os.umask(0o077)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
