import decimal


def use_places(digits):
    ctx = decimal.getcontext()
    ctx.prec = digits  # @cause
    return ctx


class Till:
    def __init__(self, digits=None):
        if digits is not None:
            use_places(digits)
        self.lines = []

    def add(self, amount):
        self.lines.append(decimal.Decimal(amount))

    def total(self):
        return sum(self.lines, decimal.Decimal(0))


def share(amount, parts):
    return decimal.Decimal(amount) / parts
