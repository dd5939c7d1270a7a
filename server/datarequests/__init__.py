"""Requests about one's own data (docs/data-requests.md; P4, P5, P11): export, erasure on
request with a due date, and restriction of processing."""
