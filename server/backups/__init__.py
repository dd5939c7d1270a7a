"""Backups of the live database, and restores into a stopped server's data folder."""
