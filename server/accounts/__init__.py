"""Organisations, users and roles, passwords, log-in sessions and password resets."""
