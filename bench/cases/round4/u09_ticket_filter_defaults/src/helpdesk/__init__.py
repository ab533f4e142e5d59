"""Help-desk ticket search."""
