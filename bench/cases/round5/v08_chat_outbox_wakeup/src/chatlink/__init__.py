"""Client-side chat link: coalescing outbox over a websocket-like transport."""
