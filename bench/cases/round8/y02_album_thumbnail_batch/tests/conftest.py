import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from photobook.imaging import Photo


@pytest.fixture
def holiday_photos():
    return [Photo(f"IMG_{4100 + i}.jpg", mp) for i, mp in enumerate([12, 12, 8, 12, 16, 8])]
