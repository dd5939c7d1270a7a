"""What a closed account keeps, and until when: pure decisions over dates (P10, P12, P14).

Each kind of data of a closed account has its own deadline, counted from the closure:

- **account data** (users, sessions, keys, catalogue, offers, audit trail, widgets, calls,
  consent events, recordings, webhooks): erased `erasure_days` after closure (a setting,
  at most 59, so the policy's "within 60 days" holds with a job that runs at least daily);
- **support communications**: kept 3 years, then erased;
- **customer-relationship data** (the organisation's profile and its contacts): kept 7 years;
- **billing data** (invoices): kept `billing_years` (the bookkeeping period), then erased.

An account purged because it belongs to a minor (P14) loses everything but its billing data
at once; the law on bookkeeping still applies to those (P11: deletion is honoured unless the
data are needed for billing, tax or audit). A legal hold suspends what it covers; that is
decided where the holds are known (server/holds), not here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

RATING_COMMENTS = "rating_comment_expired"
"""The rule of visitors' rating comments past their retention (server/ratings/rules.py)."""
PROMISED_ERASURE_DAYS = 60
"""P10: account data are gone within this many days of closure."""
SUPPORT_YEARS = 3
PROFILE_YEARS = 7


class Step(StrEnum):
    """The erasures of a closed account, each done once (in this order when due together)."""

    ACCOUNT_DATA = "account_data"
    SUPPORT = "support"
    PROFILE = "profile"
    BILLING = "billing"


class Reason(StrEnum):
    """Why an account closed."""

    REQUESTED = "requested"  # an admin closed it
    MINOR = "minor"  # the operator purged it: it belongs to a minor (P14)


def add_years(moment: datetime, years: int) -> datetime:
    """The same date `years` later; 29 February becomes 28 February in a common year."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


@dataclass(frozen=True)
class Schedule:
    """When each step of a closed account falls due."""

    account_data: datetime
    support: datetime
    profile: datetime
    billing: datetime

    def due_at(self, step: Step) -> datetime:
        return {
            Step.ACCOUNT_DATA: self.account_data,
            Step.SUPPORT: self.support,
            Step.PROFILE: self.profile,
            Step.BILLING: self.billing,
        }[step]


def schedule(
    closed_at: datetime, reason: Reason, *, erasure_days: int, billing_years: int
) -> Schedule:
    billing = add_years(closed_at, billing_years)
    if reason is Reason.MINOR:
        return Schedule(closed_at, closed_at, closed_at, billing)
    return Schedule(
        account_data=closed_at + timedelta(days=erasure_days),
        support=add_years(closed_at, SUPPORT_YEARS),
        profile=add_years(closed_at, PROFILE_YEARS),
        billing=billing,
    )


def due_steps(plan: Schedule, now: datetime, done: Collection[Step]) -> list[Step]:
    """The steps not done yet whose time has come, in `Step` order."""
    return [step for step in Step if step not in done and plan.due_at(step) <= now]


def all_done(done: Collection[Step]) -> bool:
    """Every step is done: what remains of the organisation (its id) may go too."""
    return all(step in done for step in Step)
