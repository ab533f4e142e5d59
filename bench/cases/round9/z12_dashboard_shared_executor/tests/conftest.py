import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from opsboard import App


@pytest.fixture
def app():
    application = App()
    yield application
    application.executor.shutdown(wait=False)


@pytest.fixture
def running_app():
    application = App().start()
    yield application
    application.stop()
