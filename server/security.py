"""Identifiers, bearer tokens and password hashing.

Tokens and API keys are high-entropy random strings, so one SHA-256 is enough to store
them safely and lets a request be recognised with one indexed lookup. Passwords are
low-entropy and get argon2id.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Session tokens start with this prefix (`vcs_…`), so a request's bearer secret can be told
# apart from an API key without a second lookup; customer-supplied keys may not use it.
SESSION_PREFIX = "vcs"

# argon2-cffi's defaults (RFC 9106 low-memory profile: 64 MiB, t=3, p=4) exceed OWASP's minimum.
_hasher = PasswordHasher()


def new_id(prefix: str) -> str:
    """An unguessable id (128 random bits) with a readable type prefix, like `usr_…`."""
    return f"{prefix}_{secrets.token_urlsafe(16)}"


def new_token(prefix: str) -> str:
    """A bearer secret with 256 random bits."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the user exists, so timing does not reveal accounts."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
