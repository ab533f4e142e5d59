import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from journal import JournalWriter


@pytest.fixture
def writer(tmp_path):
    return JournalWriter(str(tmp_path / "journal"), max_lines=50)


def read_all(writer):
    lines = []
    for name in writer.segments():
        with open(Path(writer.directory) / name, encoding="utf-8") as fh:
            lines.extend(fh.read().splitlines())
    return lines
