"""All SQL of job leases."""

from __future__ import annotations

from server.sql import Database


def take(db: Database, *, job: str, holder: str, now: str, until: str) -> bool:
    """Hold `job` until `until` if it is free, run out (at `now`) or already `holder`'s;
    whether `holder` holds it now. One statement: two processes cannot both take it."""
    with db.atomic():
        db.execute(
            """
INSERT INTO job_leases (job, holder, until) VALUES (?, ?, ?)
ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, until = excluded.until
WHERE job_leases.holder = excluded.holder OR job_leases.until <= ?
""",
            [job, holder, until, now],
        )
        row = db.execute("SELECT holder FROM job_leases WHERE job = ?", [job]).fetchone()
    return bool(row[0] == holder)


def release(db: Database, *, job: str, holder: str) -> None:
    """Let go of `job` at once (a clean stop), so another process need not wait it out."""
    db.execute("DELETE FROM job_leases WHERE job = ? AND holder = ?", [job, holder])
