from .catalog import Catalog, Product, load_catalog
from .cart import Cart
from .promotions import Promotion

__all__ = ["Catalog", "Product", "load_catalog", "Cart", "Promotion"]
