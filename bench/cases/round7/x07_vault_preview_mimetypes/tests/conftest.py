import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from mediavault import Vault
from mediavault.previews import PreviewSettings


@pytest.fixture
def vault():
    return Vault()


@pytest.fixture
def preview_vault():
    return Vault(PreviewSettings(inline_text=True, max_bytes=32))


@pytest.fixture
def readme_bytes():
    return b"# Project\n\nSee docs/ for the handbook.\n"
