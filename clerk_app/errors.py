"""Errors the service layer raises: each carries a stable code and a sentence for the user."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    def __init__(self, code: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.retry_after_seconds: int | None = None
        # Further members of the server's problem document (e.g. `policy_version`).
        self.extra: dict[str, Any] = {}
        # Per-field complaints of a refused form: field name ("billing_address.city") -> text.
        self.field_errors: dict[str, str] = {}


class ServerUnreachable(ServiceError):
    """The network or the server is down; the user may retry."""


class CertificateProblem(ServiceError):
    """The server's TLS certificate could not be verified."""
