import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from spoold import SpoolServer


@pytest.fixture
def spool_daemon():
    started = []

    def start(printer):
        server = SpoolServer(printer).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def render_pdf(pages):
    """Client-side rasterising before a job is handed to the spooler."""
    time.sleep(0.035 * pages)
    return pages
