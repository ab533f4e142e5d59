import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from renderfarm import RenderFarm, Scene


@pytest.fixture
def farm():
    f = RenderFarm(workers=2).start()
    yield f
    f.stop()


@pytest.fixture
def preview(farm):
    """What the editor does when the user presses 'preview'."""
    def _preview(scene):
        return farm.render_now(scene)
    return _preview


@pytest.fixture
def logo():
    return Scene("logo", width=6, height=3).add_box(0, 0, 6, 3, "#").add_box(1, 1, 4, 1, ".")
