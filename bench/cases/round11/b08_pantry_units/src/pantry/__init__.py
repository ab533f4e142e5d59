from .units import UnknownUnit, canonical, convert, register_unit, unregister_unit
from .recipes import Ingredient, parse_line, scale
from .shopping import shopping_list

__all__ = ["UnknownUnit", "canonical", "convert", "register_unit", "unregister_unit",
           "Ingredient", "parse_line", "scale", "shopping_list"]
