"""Per-student exam papers drawn reproducibly from a question bank."""
