import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from docrender.client import Renderer

INVOICE = "Invoice $number for $customer: $count items, total $total EUR\n"
RECEIPT = "Receipt $number - paid $total EUR\n"


def write_template(directory, name, body, font_fetch_ms=0):
    (directory / f"{name}.tmpl").write_text(f"font_fetch_ms={font_fetch_ms}\n---\n{body}")


@pytest.fixture
def plain_templates(tmp_path):
    d = tmp_path / "plain"
    d.mkdir()
    write_template(d, "invoice", INVOICE)
    write_template(d, "receipt", RECEIPT)
    return d


@pytest.fixture
def branded_templates(tmp_path):
    """Customer-branded templates: their web fonts come from the asset store."""
    d = tmp_path / "branded"
    d.mkdir()
    write_template(d, "invoice", INVOICE, font_fetch_ms=random.randint(40, 170))
    write_template(d, "receipt", RECEIPT, font_fetch_ms=random.randint(10, 60))
    return d


@pytest.fixture
def renderer(plain_templates):
    with Renderer(plain_templates) as r:
        yield r


@pytest.fixture
def invoice():
    return {
        "number": "INV-1042",
        "customer": "Nordwind GmbH",
        "lines": [{"amount": "19.90"}, {"amount": "5.10"}, {"amount": "100"}],
    }
