import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakes import FakeGeocoder  # noqa: E402
from geocode.client import GeocodeClient  # noqa: E402
from geocode.pool import ConnectionPool  # noqa: E402


@pytest.fixture
def upstream():
    return FakeGeocoder()


@pytest.fixture
def pool(upstream):
    return ConnectionPool(upstream, size=3)


@pytest.fixture
def client(pool):
    return GeocodeClient(pool)


STORES = [
    "Bahnhofstrasse 1, Zürich", "Marktgasse 12, Bern", "Rue du Rhône 40, Genève",
    "Freie Strasse 5, Basel", "Via Nassa 3, Lugano", "Pilatusstrasse 15, Luzern",
    "Rosenbergstrasse 8, St. Gallen", "Place St-François 1, Lausanne",
    "Hauptgasse 20, Solothurn", "Neumarkt 2, Winterthur", "Rathausplatz 1, Chur",
]
