class OutOfStock(Exception):
    pass


class CheckoutHandler:
    def __init__(self, tracer, inventory):
        self.tracer = tracer
        self.inventory = inventory

    def handle(self, order):
        with self.tracer.span("POST /checkout", order_id=order["id"]):
            with self.tracer.span("inventory.reserve") as span:
                for sku, qty in order["lines"].items():
                    have = self.inventory.get(sku, 0)
                    span.set(f"stock.{sku}", have)
                    if have < qty:
                        raise OutOfStock(sku)
                for sku, qty in order["lines"].items():
                    self.inventory[sku] -= qty
            with self.tracer.span("payment.charge", amount=order["total"]):
                pass
        return {"status": "confirmed", "order_id": order["id"]}
