import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def pytest_collection_modifyitems(items):
    # a random order each session, as pytest-randomly gives
    random.shuffle(items)
