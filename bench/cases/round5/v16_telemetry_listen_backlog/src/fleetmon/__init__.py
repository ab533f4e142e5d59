"""Fleet monitor: a small TCP collector for device health reports."""
