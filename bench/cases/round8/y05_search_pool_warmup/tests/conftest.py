import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from searchsvc.app import SearchApp
from searchsvc.backend import IndexBackend

DOCS = {
    "kb-101": "Reset your router by holding the button for ten seconds",
    "kb-102": "Router firmware update instructions",
    "kb-201": "Billing address change for business accounts",
    "kb-202": "Download invoices as PDF from the billing page",
}


@pytest.fixture
def backend():
    return IndexBackend(DOCS)


@pytest.fixture
async def app(backend):
    a = SearchApp(backend)
    await a.startup()
    yield a
    await a.shutdown()
