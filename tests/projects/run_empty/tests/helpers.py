"""Not a test module: this suite collects no tests."""
VALUE = 1
