"""Content-addressed build artifact cache with a loopback TCP front end."""
