"""Sensor gateway: devices -> uplink -> ingest."""
