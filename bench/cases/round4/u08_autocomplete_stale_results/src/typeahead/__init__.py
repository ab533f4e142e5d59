"""Search-as-you-type controller for the product catalogue."""
