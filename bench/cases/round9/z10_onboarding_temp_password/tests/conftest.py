import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from onboarding import AccountDirectory, InviteService, PasswordPolicy


@pytest.fixture
def policy():
    return PasswordPolicy()


@pytest.fixture
def directory(policy):
    return AccountDirectory(policy)


@pytest.fixture
def invites(directory):
    return InviteService(directory)
