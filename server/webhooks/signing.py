"""Signing secrets: made in the Standard Webhooks format, kept sealed (server/sealing.py)."""

from __future__ import annotations

import base64
import secrets

from server.sealing import Sealer

PREFIX = "whsec_"
SECRET_BYTES = 32  # Standard Webhooks asks for 24 to 64 random bytes


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def seal_secret(sealer: Sealer, secret: str, *, organisation_id: str) -> bytes:
    return sealer.seal(secret.encode(), context=_context(organisation_id))


def open_secret(sealer: Sealer, sealed: bytes, *, organisation_id: str) -> str:
    """An endpoint's secret in clear, for signing only: never logged, never stored."""
    return sealer.open(sealed, context=_context(organisation_id)).decode()


def _context(organisation_id: str) -> str:
    return f"webhook-secret:{organisation_id}"
