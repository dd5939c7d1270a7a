"""Logging in and out of the server (Qt-free)."""
