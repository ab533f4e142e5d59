import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from staffdir import Directory, InviteService, PasswordPolicy
from staffdir.passwords import hash_password


@pytest.fixture
def directory():
    return Directory()


@pytest.fixture
def outbox():
    return []


@pytest.fixture
def invites(directory, outbox):
    return InviteService(directory, PasswordPolicy(), outbox)


@pytest.fixture
def existing_user(directory):
    directory.add("lena@example.com", "Lena", hash_password("Start1234"), must_change=True)
    return "lena@example.com"
