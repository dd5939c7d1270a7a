"""Closing an organisation's account: at an admin's request, or purged by the operator."""
