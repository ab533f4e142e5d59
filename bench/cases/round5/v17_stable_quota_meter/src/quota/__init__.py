"""API quota metering: token buckets, daily usage windows and usage export."""
