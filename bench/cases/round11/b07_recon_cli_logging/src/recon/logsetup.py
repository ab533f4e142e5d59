import logging
import sys

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure(verbosity=0, stream=None):
    """Console logging for the recon command line tool: errors only by
    default, each -v shows one more level."""
    logger = logging.getLogger("recon")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.handlers[:] = [handler]
    logger.setLevel(max(logging.DEBUG, logging.ERROR - 10 * verbosity))
    return logger
