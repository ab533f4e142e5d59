from .cart import Cart, EmptyCart, LineItem, Order, PaymentDeclined

__all__ = ["Cart", "EmptyCart", "LineItem", "Order", "PaymentDeclined"]
