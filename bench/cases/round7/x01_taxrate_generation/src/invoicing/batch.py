"""Month-end invoice run: compute totals and render each invoice."""
import time

from . import settings


def render_pdf(invoice, totals):
    # stand-in for the PDF engine
    time.sleep(settings.RENDER_COST)
    return ("%s.pdf" % invoice.number, len(invoice.lines))


class InvoiceBatch:
    def __init__(self, invoices):
        self.invoices = list(invoices)
        self.rendered = []
        self.totals = {}

    def run(self):
        for invoice in self.invoices:
            totals = {
                "net": invoice.net_total,
                "tax": invoice.tax_total,
                "gross": invoice.gross_total,
            }
            self.totals[invoice.number] = totals
            self.rendered.append(render_pdf(invoice, totals))
        return self

    def grand_total(self):
        return sum((t["gross"] for t in self.totals.values()), start=0)
