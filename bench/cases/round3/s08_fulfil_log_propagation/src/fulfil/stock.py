import logging

log = logging.getLogger("fulfil.stock")


class Warehouse:
    def __init__(self, code, levels=None):
        self.code = code
        self.levels = dict(levels or {})

    def available(self, sku):
        return self.levels.get(sku, 0)

    def take(self, sku, qty):
        have = self.available(sku)
        if qty > have:
            raise ValueError("only %d of %s in %s" % (have, sku, self.code))
        self.levels[sku] = have - qty
        log.debug("took %d x %s from %s", qty, sku, self.code)
        return qty
