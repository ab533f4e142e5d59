import pytest

from docrender.client import Renderer
from docrender.invoices import invoice_fields, render_invoice


def test_invoice_fields_total(invoice):
    assert invoice_fields(invoice)["total"] == "125.00"


def test_renderer_reports_templates(renderer):
    assert renderer.template_count == 2


def test_render_invoice(renderer, invoice):
    text = render_invoice(renderer, invoice)
    assert text == "Invoice INV-1042 for Nordwind GmbH: 3 items, total 125.00 EUR\n"


def test_unknown_template(renderer):
    with pytest.raises(KeyError):
        renderer.render("credit-note", number="1")


def test_branded_invoice(branded_templates, invoice):
    with Renderer(branded_templates) as r:
        text = render_invoice(r, invoice)
    assert text.startswith("Invoice INV-1042")
