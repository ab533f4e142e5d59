"""Request latency histograms for the admin dashboard."""
