"""Out-of-process document renderer used by the invoicing service."""
