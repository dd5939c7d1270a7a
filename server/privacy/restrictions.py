"""STAND-IN until the data-requests work lands: whether processing for a purpose is restricted.

The data-requests branch owns restrictions (P11: an organisation or a user restricts
marketing, automated decisions, or the use of recordings for service improvement) and ships
the real `is_restricted` under this same name; this module only reads the table its
stand-in migration made, so that marketing (P13) and offer suggestions (P16) honour
restrictions now. Replace this file with theirs at merge.
"""

from __future__ import annotations

from typing import Literal

from sqlite_utils import Database

Purpose = Literal["marketing", "automated_decisions", "service_improvement"]


def is_restricted(
    db: Database, *, organisation_id: str, user_id: str | None = None, purpose: Purpose
) -> bool:
    """True when the organisation, or (given `user_id`) that user, restricted `purpose`."""
    row = db.conn.execute(
        "SELECT 1 FROM processing_restrictions WHERE organisation_id = ? AND purpose = ? "
        "AND (user_id IS NULL OR user_id = ?) LIMIT 1",
        [organisation_id, purpose, user_id],
    ).fetchone()
    return row is not None
