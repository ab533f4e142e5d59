import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from helpdesk import Ticket, TicketQueue


@pytest.fixture
def queue():
    return TicketQueue()


@pytest.fixture
def fixed_tickets():
    return [
        Ticket("ab12", "VPN drops every hour", "mara", "high", tags=("network",)),
        Ticket("c0de", "New laptop for Jan", "ops", "low"),
    ]
