"""Policy versions: the one in force, what a log-in or sign-up must accept, adding one (P15)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from server import clock
from server.config import Settings
from server.policy import rules, store
from server.policy.models import PolicyState, PolicyText, PolicyVersion, PolicyVersionOut
from server.problems import ProblemError
from server.sql import Database


def _version(listed: PolicyVersion) -> rules.Version:
    return rules.Version(
        version=listed.version,
        effective_at=clock.parse(listed.effective_at),
        material=listed.material,
    )


def versions(db: Database) -> list[rules.Version]:
    return [_version(listed) for listed in store.all_versions(db)]


def text_url(settings: Settings, version: str) -> str:
    return f"{settings.base_url}/privacy/policy/{quote(version, safe='')}"


def _out(settings: Settings, listed: PolicyVersion) -> PolicyVersionOut:
    return PolicyVersionOut(
        version=listed.version,
        effective_at=listed.effective_at,
        material=listed.material,
        summary=listed.summary,
        language=listed.language,
        url=text_url(settings, listed.version),
    )


def state(db: Database, settings: Settings) -> PolicyState:
    listed = store.all_versions(db)
    known = [_version(v) for v in listed]
    now = clock.now()
    current = rules.in_force(known, now)
    later = {v.version for v in rules.upcoming(known, now)}
    return PolicyState(
        current=next(
            (_out(settings, v) for v in listed if current and v.version == current.version), None
        ),
        upcoming=[_out(settings, v) for v in listed if v.version in later],
    )


def current_version(db: Database) -> str | None:
    version = rules.in_force(versions(db), clock.now())
    return version.version if version else None


def _not_accepted(
    settings: Settings, version: str, detail: str, *, status: int = 403, **extra: Any
) -> ProblemError:
    return ProblemError(
        status,
        "policy_not_accepted",
        detail,
        policy_version=version,
        policy_url=text_url(settings, version),
        **extra,
    )


def check_sign_up(db: Database, settings: Settings, accepted: str) -> str | None:
    """The version in force, which sign-up must have accepted; a problem when it was not."""
    current = current_version(db)
    if current is not None and accepted != current:
        raise _not_accepted(
            settings,
            current,
            f"Accept the current privacy policy (version {current}) to sign up.",
            status=422,
            errors=[{"field": "accepted_policy_version", "message": "not the current version"}],
        )
    return current


def check_log_in(
    db: Database, settings: Settings, *, accepted_before: str | None, accepting: str | None
) -> str | None:
    """The version a log-in accepts now (None: nothing to accept), or a problem.

    A user who never accepted a version (created by an admin, first log-in) is asked to
    accept the version in force, as at sign-up: nothing "changed" for them. A user who
    accepted an earlier version is told that the policy changed, but only after a material
    change has taken effect (`policy_changed` in the problem says which of the two it is).
    """
    known = versions(db)
    now = clock.now()
    needed = rules.acceptance_needed(accepted_before, known, now)
    if needed is None:
        return None
    current = rules.in_force(known, now)
    assert current is not None
    if accepting == current.version:
        return current.version
    if needed == "first":
        detail = f"Read and accept the privacy policy (version {current.version}) to continue."
    else:
        detail = (
            f"The privacy policy has changed (version {current.version}). "
            "Read and accept it to continue."
        )
    raise _not_accepted(settings, current.version, detail, policy_changed=needed == "changed")


def text(db: Database, version: str) -> PolicyText | None:
    return store.get(db, version)


def add_version(
    db: Database,
    *,
    version: str,
    effective_at: datetime,
    material: bool,
    summary: str,
    language: str,
    text: str,
) -> None:
    """Append a version; ValueError (with the reason) when it would rewrite history."""
    new = rules.Version(version=version, effective_at=effective_at, material=material)
    with db.atomic():
        problem = rules.addition_problem(new, versions(db))
        if problem:
            raise ValueError(problem)
        store.insert(
            db,
            {
                "version": version,
                "effective_at": clock.iso(effective_at),
                "material": int(material),
                "summary": summary,
                "language": language,
                "text": text,
                "created_at": clock.now_iso(),
            },
        )
