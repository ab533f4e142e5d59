from decimal import Decimal


def invoice_fields(invoice):
    total = sum((Decimal(line["amount"]) for line in invoice["lines"]), Decimal("0"))
    return {
        "number": invoice["number"],
        "customer": invoice["customer"],
        "total": f"{total:.2f}",
        "count": str(len(invoice["lines"])),
    }


def render_invoice(renderer, invoice, template="invoice"):
    return renderer.render(template, **invoice_fields(invoice))
