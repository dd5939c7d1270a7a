"""Counters of attempts (log-ins, reset requests) that concurrent requests cannot race."""
