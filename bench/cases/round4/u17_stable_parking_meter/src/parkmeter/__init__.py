"""Street parking: tariffs, sessions, payments and expiry reminders."""
