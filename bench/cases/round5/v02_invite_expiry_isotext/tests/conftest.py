import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from teamspace.invites import Invitations
from teamspace.mailer import Outbox
from teamspace.rows import RowStore


@pytest.fixture
def rows(tmp_path):
    return RowStore(tmp_path / "rows.json")


@pytest.fixture
def outbox():
    return Outbox()


@pytest.fixture
def invitations(rows, outbox):
    # short-lived invitations so expiry can be exercised in the suite
    return Invitations(rows, outbox, workspace="Acme", ttl_seconds=1)


@pytest.fixture
def relay_outbox():
    """Outbox that behaves like the staging SMTP relay (slow hand-off)."""
    outbox = Outbox(send_delay=0.35, handshake=(0.0, 1.0))
    outbox.connect()
    return outbox
