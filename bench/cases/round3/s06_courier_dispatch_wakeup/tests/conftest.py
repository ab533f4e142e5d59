import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from courier import AssignmentMailbox, Dispatcher, RoutePlanner

BERLIN_MITTE = (52.5200, 13.4050)
KREUZBERG = (52.4986, 13.4030)
PANKOW = (52.5693, 13.4010)


@pytest.fixture
def planner():
    return RoutePlanner()


@pytest.fixture
def dispatcher(planner):
    return Dispatcher(planner)


@pytest.fixture
def fleet(dispatcher):
    boxes = {d: AssignmentMailbox(d) for d in ("drv-1", "drv-2")}
    dispatcher.register("drv-1", KREUZBERG, boxes["drv-1"])
    dispatcher.register("drv-2", PANKOW, boxes["drv-2"])
    return boxes
