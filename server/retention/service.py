"""The retention job: recordings and rating comments past retention, and closed accounts' data
past their rules.

One run (the scheduled job in the server, or `videoclerk-server retention run`) does what is
due and reports it per rule and organisation; a dry run reports the same, rolled back. Each
organisation's step is one transaction, so a run cut short leaves each step done or not done,
never half; files go only after the commit that forgot them, and a run removes any recording
folder no row names (left by a run cut short between the two). Running twice does nothing
the second time. After any erasure the WAL is checkpointed and truncated, so that erased
rows leave no bytes in it (P5, P10).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from server import clock
from server.closure import store as closure_store
from server.closure.models import Closure
from server.config import Settings
from server.database import checkpoint
from server.holds import service as holds_service
from server.holds.service import Holds
from server.ratings import service as ratings
from server.recordings import segments
from server.recordings import service as recordings
from server.recordings import store as recordings_store
from server.recordings.uploads import Uploads
from server.retention import rules, store
from server.retention.rules import Reason, Step
from server.retention.store import Counts
from server.sql import Database

T = TypeVar("T")
REMOVED = "organisation_removed"
"""The rule name of the last trace of an organisation going."""


@dataclass(frozen=True)
class Erasure:
    """What one rule deleted, or would delete, of one organisation: rows per table."""

    rule: str
    organisation_id: str
    rows: Counts = field(default_factory=dict)
    held: str | None = None
    """What a legal hold spared, in words."""

    @property
    def total(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True)
class Report:
    erasures: list[Erasure]
    dry_run: bool
    leftover_folders: int = 0
    checkpointed: bool | None = None
    """After an erasure: whether the WAL was emptied (None: nothing was erased)."""

    @property
    def erased(self) -> bool:
        return any(e.rows for e in self.erasures)

    def totals(self) -> dict[str, int]:
        """Rows per rule, over all organisations."""
        found: Counter[str] = Counter()
        for erasure in self.erasures:
            found[erasure.rule] += erasure.total
        return dict(found)


class _Rollback(Exception):
    """Ends a dry run's transaction."""


def _atomic(db: Database, dry_run: bool, work: Callable[[], T]) -> T:
    """`work` in its own transaction; a dry run rolls it back and keeps what it returned."""
    done: list[T] = []
    try:
        with db.atomic():
            done.append(work())
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return done[0]


def run(
    db: Database,
    *,
    uploads: Uploads,
    settings: Settings,
    dry_run: bool = False,
    organisation_id: str | None = None,
) -> Report:
    """Everything due now; with `organisation_id`, only that closed organisation's steps."""
    held = holds_service.active(db)
    erasures: list[Erasure] = []
    for closure in closure_store.closures(db):
        if organisation_id in (None, closure.organisation_id):
            erasures += _closed_account(db, uploads, settings, held, closure, dry_run)
    if organisation_id is None:
        # Recordings that the erasure of their whole account took (or, in a dry run, would
        # take) are not counted twice.
        whole = {e.organisation_id for e in erasures if e.rule == Step.ACCOUNT_DATA}
        erasures += _recording_retention(db, uploads, settings, held, dry_run, whole)
        erasures += _rating_comments(db, held, dry_run)
    if dry_run:
        return Report(erasures, dry_run=True)
    leftovers = _remove_leftover_folders(db, uploads)
    erased = any(e.rows for e in erasures) or leftovers > 0
    return Report(
        erasures,
        dry_run=False,
        leftover_folders=leftovers,
        checkpointed=checkpoint(db) if erased else None,
    )


def _recording_retention(
    db: Database,
    uploads: Uploads,
    settings: Settings,
    held: Holds,
    dry_run: bool,
    skip: set[str],
) -> list[Erasure]:
    found = recordings.run_retention(
        db, uploads=uploads, settings=settings, held=held, dry_run=dry_run, skip=skip
    )
    counted = Counter((f"recording_{item.why}", item.organisation_id) for item in found)
    return [
        Erasure(rule, organisation_id, {"recordings": count})
        for (rule, organisation_id), count in sorted(counted.items())
    ]


def _rating_comments(db: Database, held: Holds, dry_run: bool) -> list[Erasure]:
    """Visitors' comments on calls past their retention (server/ratings/rules.py)."""
    found = _atomic(db, dry_run, lambda: ratings.run_retention(db, held))
    return [
        Erasure(rules.RATING_COMMENTS, organisation_id, {"call_ratings": count})
        for organisation_id, count in sorted(found.items())
    ]


def _closed_account(
    db: Database,
    uploads: Uploads,
    settings: Settings,
    held: Holds,
    closure: Closure,
    dry_run: bool,
) -> list[Erasure]:
    organisation_id = closure.organisation_id
    plan = rules.schedule(
        clock.parse(closure.closed_at),
        Reason(closure.reason),
        erasure_days=settings.closed_account_erasure_days,
        billing_years=settings.billing_retention_years,
    )
    done = {step for step in Step if getattr(closure, closure_store.STEP_COLUMNS[step])}
    due = rules.due_steps(plan, clock.now(), done)
    if held.covers(organisation_id):
        why = "legal hold on the organisation"
        return [Erasure(step, organisation_id, held=why) for step in due]
    erasures = []
    for step in due:
        if step is Step.ACCOUNT_DATA:
            erasure, finished = _account_data(db, uploads, held, organisation_id, dry_run)
        else:
            erasure, finished = _simple_step(db, organisation_id, step, dry_run), True
        erasures.append(erasure)
        if finished:
            done.add(step)
    if rules.all_done(done):
        rows = _atomic(db, dry_run, lambda: store.remove_organisation(db, organisation_id))
        erasures.append(Erasure(REMOVED, organisation_id, rows))
    return erasures


_STEPS: dict[Step, Callable[[Database, str], Counts]] = {
    Step.SUPPORT: store.erase_support,
    Step.PROFILE: store.erase_profile,
    Step.BILLING: store.erase_billing,
}


def _simple_step(db: Database, organisation_id: str, step: Step, dry_run: bool) -> Erasure:
    def work() -> Counts:
        counts = _STEPS[step](db, organisation_id)
        closure_store.mark_done(db, organisation_id, step, clock.now_iso())
        return counts

    return Erasure(step, organisation_id, _atomic(db, dry_run, work))


def _account_data(
    db: Database, uploads: Uploads, held: Holds, organisation_id: str, dry_run: bool
) -> tuple[Erasure, bool]:
    """Everything else of the account, but what holds keep; done when nothing was kept."""
    kept = held.calls_of(organisation_id) | {
        r.call_id for r in recordings_store.on_hold(db) if r.organisation_id == organisation_id
    }

    def work() -> tuple[Counts, list[str]]:
        counts, folders = store.erase_account_data(db, organisation_id, sorted(kept))
        if not kept:
            closure_store.mark_done(db, organisation_id, Step.ACCOUNT_DATA, clock.now_iso())
        return counts, folders

    counts, folders = _atomic(db, dry_run, work)
    if not dry_run:
        for recording_id in folders:
            uploads.forget(recording_id)
            segments.remove_folder(uploads.folder(recording_id))
        uploads.keys.forget(organisation_id)
    why = f"{len(kept)} call(s) on legal hold" if kept else None
    return Erasure(Step.ACCOUNT_DATA, organisation_id, counts, held=why), not kept


def _remove_leftover_folders(db: Database, uploads: Uploads) -> int:
    """Recording folders no row names: what a run cut short after its commit left behind.

    The folders are listed before the ids are read: a recording's row is committed before
    its folder is made, so a folder listed first belongs to a row the read still sees.
    """
    if not uploads.root.is_dir():
        return 0
    folders = [path for path in uploads.root.iterdir() if path.is_dir()]
    known = recordings_store.all_ids(db)
    leftovers = [path for path in folders if path.name not in known]
    for path in leftovers:
        segments.remove_folder(path)
    return len(leftovers)
