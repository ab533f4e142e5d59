import logging
from decimal import Decimal

from .deadline import Deadline

log = logging.getLogger("storefront.checkout")

CHECKOUT_BUDGET = 0.05


def price(cart, catalogue):
    return sum((catalogue[sku] * qty for sku, qty in cart.items()), Decimal("0"))


def checkout(cart, catalogue, payments):
    deadline = Deadline(CHECKOUT_BUDGET)
    log.info("checkout started items=%d", len(cart))
    total = price(cart, catalogue)
    deadline.check("pricing")
    ref = payments.charge(total)
    deadline.check("payment")
    log.info("checkout complete ref=%s total=%s", ref, total)
    return {"ref": ref, "total": total}
