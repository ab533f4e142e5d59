import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def pytest_collection_modifyitems(session, config, items):
    # Shuffle the suite on every run so that hidden dependencies between
    # tests show up early (a home-grown stand-in for pytest-randomly).
    random.shuffle(items)
