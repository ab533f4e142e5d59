import threading
import time

import pytest

from conftest import BERLIN_MITTE, KREUZBERG


def test_nearest_driver_chosen(dispatcher, fleet):
    a = dispatcher.assign({"ref": "o-1", "pickup": KREUZBERG})
    assert a["driver"] == "drv-1"
    assert fleet["drv-1"].peek()["order"] == "o-1"


def test_busy_driver_skipped(dispatcher, fleet):
    dispatcher.assign({"ref": "o-1", "pickup": KREUZBERG})
    a = dispatcher.assign({"ref": "o-2", "pickup": KREUZBERG})
    assert a["driver"] == "drv-2"


def test_no_free_driver(dispatcher, fleet):
    dispatcher.assign({"ref": "o-1", "pickup": KREUZBERG})
    dispatcher.assign({"ref": "o-2", "pickup": KREUZBERG})
    with pytest.raises(LookupError):
        dispatcher.assign({"ref": "o-3", "pickup": KREUZBERG})


def test_release_makes_driver_available(dispatcher, fleet):
    dispatcher.assign({"ref": "o-1", "pickup": KREUZBERG})
    dispatcher.release("drv-1")
    assert dispatcher.nearest_free(KREUZBERG) == "drv-1"


def test_driver_app_receives_live_assignment(dispatcher, fleet, planner):
    received = []

    def driver_app():
        # the app refreshes its shift route before it starts listening
        for stop in (BERLIN_MITTE, KREUZBERG):
            planner.eta_minutes(KREUZBERG, stop)
        time.sleep(0.005)  # render the shift screen
        received.append(fleet["drv-1"].wait_for_assignment(timeout=0.3))

    app = threading.Thread(target=driver_app)
    app.start()
    dispatcher.assign({"ref": "o-9", "pickup": KREUZBERG})
    app.join()
    assert received[0] is not None, "driver app never saw the assignment"
    assert received[0]["order"] == "o-9"
