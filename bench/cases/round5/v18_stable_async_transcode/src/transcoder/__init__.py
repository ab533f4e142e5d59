"""Async transcoding queue: jobs run as subprocesses, results land in an outbox dir."""
