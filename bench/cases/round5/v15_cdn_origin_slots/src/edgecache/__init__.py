"""Edge image proxy: fetch from origin with a cap on concurrent origin requests."""
