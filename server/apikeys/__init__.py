"""API keys for server-to-server calls: generated or customer-supplied, scoped, rotatable (P8)."""
