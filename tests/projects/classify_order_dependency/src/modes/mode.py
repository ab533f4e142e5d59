import os


def current_mode():
    return os.environ.get("CLASSIFY_APP_MODE", "production")


def enable_debug():
    os.environ["CLASSIFY_APP_MODE"] = "debug"  # @cause
