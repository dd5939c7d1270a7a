"""Account operations, as plain keyword-only functions the routes call.

Database work stays on the event-loop thread; only argon2 runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, NoReturn

from server import clock, security
from server.access import SESSION_PREFIX, Caller
from server.accounts import events, mails, rules, store
from server.accounts.models import (
    BillingAddress,
    CreateUserRequest,
    Organisation,
    OrganisationByOperator,
    OrganisationOut,
    SignupRequest,
    UpdateMeRequest,
    UpdateOrganisationRequest,
    UpdateUserRequest,
    User,
    UserOut,
    UserProfile,
)
from server.apikeys import service as keys
from server.audit import service as audit
from server.config import Settings
from server.mail import outbox
from server.policy import service as policy
from server.problems import ProblemError, not_found
from server.sql import Database
from server.throttles import rules as throttle_rules
from server.throttles import service as throttles

CLOSED = "organisation_closed"
"""The problem code once an organisation's account is closed, and its sockets' close reason."""


def organisation_closed() -> ProblemError:
    return ProblemError(
        403,
        CLOSED,
        "This organisation's account is closed. Its data are kept only as the privacy policy "
        "says, then erased.",
    )


def user_out(user: UserProfile) -> UserOut:
    return UserOut.model_validate(user, from_attributes=True)


def organisation_out(organisation: Organisation) -> OrganisationOut:
    return OrganisationOut(
        id=organisation.id,
        name=organisation.name,
        organisation_number=organisation.organisation_number,
        vat_number=organisation.vat_number,
        billing_address=BillingAddress(
            street=organisation.billing_street,
            postal_code=organisation.billing_postal_code,
            city=organisation.billing_city,
        ),
        country=organisation.country,
        created_at=organisation.created_at,
    )


def _weak_password(problem: str, field_name: str) -> ProblemError:
    return ProblemError(
        422, "weak_password", problem, errors=[{"field": field_name, "message": problem}]
    )


async def _checked_hash(password: str, *, user_inputs: list[str], field_name: str) -> str:
    problem = rules.password_problem(password, user_inputs=user_inputs)
    if problem:
        raise _weak_password(problem, field_name)
    return await asyncio.to_thread(security.hash_password, password)


def _email_taken() -> ProblemError:
    return ProblemError(
        409,
        "email_taken",
        "An account with this e-mail address exists already. Log in, or use another address.",
        errors=[{"field": "email", "message": "already registered"}],
    )


@dataclass(frozen=True)
class SignedUp:
    organisation: Organisation
    user: User
    keys: list[keys.NewKey]


async def sign_up(
    db: Database, settings: Settings, *, form: SignupRequest, ip: str | None
) -> SignedUp:
    """Create an organisation, its first admin and its live and test keys (P7, P8, P14)."""
    if not settings.public_signup:
        raise ProblemError(
            403,
            "signup_closed",
            "This server does not take new organisations. Ask its operator to create yours.",
        )
    _check_age(form.country, form.age, field_name="age")
    accepted = policy.check_sign_up(db, settings, form.accepted_policy_version)
    email = form.email.lower()
    if store.email_taken(db, email):
        raise _email_taken()
    password_hash = await _checked_hash(
        form.password, user_inputs=[form.name, email, form.company_name], field_name="password"
    )
    now = clock.now_iso()
    organisation = _organisation(form, now)
    user = _first_admin(
        organisation,
        name=form.name,
        email=email,
        now=now,
        password_hash=password_hash,
        policy_version=accepted,
        policy_accepted_at=now,
        password_changed_at=now,
    )
    with db.atomic():  # a concurrent sign-up may have taken the address while we hashed
        return _insert_with_first_admin(db, organisation, user, ip=ip, by_operator=False)


def _check_age(country: str, age: int, *, field_name: str) -> None:
    limit = rules.minimum_age(country)
    if age < limit:
        raise ProblemError(
            422,
            "below_minimum_age",
            f"The account holder must be at least {limit} years old in this country.",
            errors=[{"field": field_name, "message": f"must be at least {limit}"}],
        )


def _organisation(form: SignupRequest | OrganisationByOperator, now: str) -> dict[str, Any]:
    return {
        "id": security.new_id("org"),
        "name": form.company_name,
        "organisation_number": form.organisation_number,
        "vat_number": form.vat_number,
        "billing_street": form.billing_address.street,
        "billing_postal_code": form.billing_address.postal_code,
        "billing_city": form.billing_address.city,
        "country": form.country,
        "created_at": now,
    }


def _first_admin(
    organisation: Mapping[str, Any], *, name: str, email: str, now: str, **fields: Any
) -> dict[str, Any]:
    return {
        "id": security.new_id("usr"),
        "organisation_id": organisation["id"],
        "name": name,
        "email": email,
        "role": "admin",
        "active": 1,
        "created_at": now,
        "age_confirmed_at": now,
        **fields,
    }


def _insert_with_first_admin(
    db: Database,
    organisation: dict[str, Any],
    user: dict[str, Any],
    *,
    ip: str | None,
    by_operator: bool,
) -> SignedUp:
    """In the caller's transaction: the organisation, its first admin and its live and test
    keys (P8), each audited; the admin is the actor of a sign-up, nobody's of an operator's."""
    if store.email_taken(db, user["email"]):
        raise _email_taken()
    store.insert_organisation(db, organisation)
    store.insert_user(db, user)
    new_keys = keys.initial_keys(db, organisation_id=organisation["id"], created_by=user["id"])
    actor = None if by_operator else user["id"]
    details = {"by": "operator", "admin": user["id"]} if by_operator else None
    made = [("organisation.created", organisation["id"])]
    made += [("api_key.created", key.key.id) for key in new_keys]
    for event, target in made:
        audit.record(
            db,
            event=event,
            organisation_id=organisation["id"],
            ip=ip,
            actor_user_id=actor,
            target=target,
            details=details,
        )
    return SignedUp(
        organisation=_stored_organisation(db, organisation["id"]),
        user=_stored_user(db, organisation["id"], user["id"]),
        keys=new_keys,
    )


@dataclass(frozen=True)
class CreatedByOperator:
    organisation: Organisation
    user: User
    code: str
    """The first admin's invitation code: the caller mails it (`mail`) or hands it over."""
    mail: mails.Mail


def create_organisation(
    db: Database, settings: Settings, *, form: OrganisationByOperator
) -> CreatedByOperator:
    """An operator creates an organisation with its first admin (`videoclerk-server org create`).

    Runs in the command's own process, not the server's, so the invitation is not queued in
    the outbox: its code would live only in this process's memory (server/mail/outbox.py).
    The caller sends `mail` at once, or prints the code. The organisation's live and test
    keys are made (P8) but their secrets are shown to nobody: the admin rotates one, or
    makes a new one, to get a secret.
    """
    _check_age(form.country, form.admin_age, field_name="admin_age")
    now = clock.now_iso()
    organisation = _organisation(form, now)
    # No password: chosen with the code. The privacy policy is accepted at first log-in (P15).
    user = _first_admin(
        organisation,
        name=form.admin_name,
        email=form.admin_email.lower(),
        now=now,
        password_hash=None,
        policy_version=None,
    )
    with db.atomic():
        made = _insert_with_first_admin(db, organisation, user, ip=None, by_operator=True)
        code, lifetime = _new_password_token(db, settings, user_id=made.user.id, purpose="invite")
    mail = _invitation(
        settings,
        user=made.user,
        organisation=made.organisation,
        invited_by="operator",
        lifetime=lifetime,
    )
    return CreatedByOperator(organisation=made.organisation, user=made.user, code=code, mail=mail)


def _account_key(email: str) -> str:
    """The account-wide log-in counter, also the subject an admin's unlock clears."""
    return throttle_rules.key("login-account", throttle_rules.normalised_email(email))


def login_counters(settings: Settings, email: str, ip: str | None) -> list[throttles.Counter]:
    """The three counters a log-in attempt counts on (docs/security.md).

    Keyed by the normalised address whether or not an account uses it, so unknown addresses
    are throttled exactly like known ones. The IP and the (account, IP) pair lock; the
    account alone only slows, so that a stranger elsewhere cannot lock a clerk out.
    """
    address = throttle_rules.normalised_email(email)
    account = _account_key(address)
    window = settings.login_failure_window_seconds
    lockout = settings.login_lockout_seconds

    def lock(after: int) -> throttle_rules.Limit:
        return throttle_rules.Limit(
            free=after, first_delay=lockout, max_delay=lockout, window=window
        )

    return [
        throttles.Counter(
            throttle_rules.key("login-ip", ip or ""), lock(settings.login_ip_lock_after)
        ),
        throttles.Counter(
            account,
            throttle_rules.Limit(
                free=settings.login_slow_after,
                first_delay=settings.login_slow_seconds,
                max_delay=settings.login_slow_max_seconds,
                window=window,
            ),
            subject=account,
        ),
        throttles.Counter(
            throttle_rules.key("login-pair", address, ip or ""),
            lock(settings.login_lock_after),
            subject=account,
        ),
    ]


def _locked(until: float) -> ProblemError:
    seconds = max(1, math.ceil(until - clock.now().timestamp()))
    when = datetime.fromtimestamp(until, UTC).strftime("%H:%M:%S UTC")
    return ProblemError(
        429,
        "login_locked",
        f"Too many failed log-ins. Try again after {when} (in {seconds} seconds), "
        "or reset your password.",
        headers={"Retry-After": str(seconds)},
        retry_after_seconds=seconds,
    )


@dataclass(frozen=True)
class LoggedIn:
    token: str
    expires_at: str
    user: User


async def log_in(
    db: Database,
    settings: Settings,
    *,
    email: str,
    password: str,
    accepted_policy_version: str | None,
    ip: str | None,
) -> LoggedIn:
    """Check a password under the log-in throttles (P9, P17).

    The attempt is counted before the password is checked, so a burst of concurrent
    attempts gets no more checks than the limits allow. A right password takes its counts
    back. Unknown addresses, wrong passwords and deactivated accounts answer alike, after
    the same work (a dummy argon2 check for an unknown address).
    """
    counters = login_counters(settings, email, ip)
    held = throttles.take(db, counters, clock.now().timestamp())
    if held is not None:
        raise _locked(held)
    user = store.user_by_email(db, email)
    good = await asyncio.to_thread(
        security.verify_password, user.password_hash if user else None, password
    )
    if user is None or not good or not user.active:
        _failed_login(db, counters, user=user, ip=ip)
    assert user is not None
    assert user.password_hash is not None  # the password was right
    with db.atomic():
        ip_counter, *account_counters = counters
        throttles.refund(db, ip_counter)
        throttles.forget(db, account_counters)
    _refuse_if_closed(db, user=user, ip=ip)
    _check_policy(db, settings, user=user, accepted=accepted_policy_version)
    new_hash = None
    if security.needs_rehash(user.password_hash):
        new_hash = await asyncio.to_thread(security.hash_password, password)
    expires_at = clock.later(settings.session_hours * 3600)
    token = security.new_token(SESSION_PREFIX)
    with db.atomic():
        store.delete_expired_sessions(db, clock.now_iso())
        store.insert_session(
            db,
            {
                "token_hash": security.token_hash(token),
                "user_id": user.id,
                "organisation_id": user.organisation_id,
                "created_at": clock.now_iso(),
                "expires_at": expires_at,
                "ip": ip,
            },
        )
        if new_hash is not None:
            store.update_user(db, user.organisation_id, user.id, {"password_hash": new_hash})
        audit.record(
            db,
            event="login.succeeded",
            organisation_id=user.organisation_id,
            ip=ip,
            actor_user_id=user.id,
        )
    return LoggedIn(token=token, expires_at=expires_at, user=user)


def _refuse_if_closed(db: Database, *, user: User, ip: str | None) -> None:
    """P12: a closed organisation's users are told so, but only after the right password, so
    the answer reveals nothing to someone who does not have it."""
    if not store.is_closed(db, user.organisation_id):
        return
    audit.record(
        db,
        event="login.refused",
        organisation_id=user.organisation_id,
        ip=ip,
        target=user.id,
        details={"reason": CLOSED},
    )
    raise organisation_closed()


def _failed_login(
    db: Database, counters: list[throttles.Counter], *, user: User | None, ip: str | None
) -> NoReturn:
    """Audit the failure; the attempt that brings on a lock is answered with it."""
    lock = None
    for counter in counters:
        until = throttles.held_until(db, counter, clock.now().timestamp())
        if until is not None and counter.limit.locks:
            lock = until
    audit.record(
        db,
        event="login.failed",
        organisation_id=user.organisation_id if user else None,
        ip=ip,
        target=user.id if user else None,
        details={"locked": lock is not None},
    )
    if lock is not None:
        raise _locked(lock)
    raise ProblemError(401, "invalid_credentials", "The e-mail address or password is wrong.")


def _check_policy(db: Database, settings: Settings, *, user: User, accepted: str | None) -> None:
    """P15: log-in waits until the user accepts the version in force, when they must."""
    version = policy.check_log_in(
        db, settings, accepted_before=user.policy_version, accepting=accepted
    )
    if version is not None:
        store.update_user(
            db,
            user.organisation_id,
            user.id,
            {"policy_version": version, "policy_accepted_at": clock.now_iso()},
        )


def log_out(db: Database, *, caller: Caller) -> None:
    with db.atomic():
        if caller.session_hash:
            store.delete_session(db, caller.session_hash)
        audit.record(
            db, event="logout", organisation_id=caller.organisation_id, ip=caller.ip, **caller.actor
        )
    if caller.session_hash:
        events.publish([caller.session_hash])


def get_user(db: Database, *, caller: Caller, user_id: str) -> User:
    return _stored_user(db, caller.organisation_id, user_id)


def _stored_user(db: Database, organisation_id: str, user_id: str) -> User:
    user = store.get_user(db, organisation_id, user_id)
    if user is None:
        raise not_found("user")
    return user


def list_users(db: Database, *, caller: Caller) -> list[User]:
    return store.list_users(db, caller.organisation_id)


def organisation_users(
    db: Database, *, organisation_id: str, role: str | None = None
) -> list[User]:
    """Active users of an organisation, for other capabilities (the queue's clerk list)."""
    return [
        u
        for u in store.list_users(db, organisation_id)
        if u.active and (role is None or u.role == role)
    ]


def get_organisation(db: Database, *, caller: Caller) -> Organisation:
    """The caller's organisation, as read with the caller when it was recognised."""
    return caller.organisation or _stored_organisation(db, caller.organisation_id)


def _stored_organisation(db: Database, organisation_id: str) -> Organisation:
    organisation = store.get_organisation(db, organisation_id)
    if organisation is None:
        raise not_found("organisation")
    return organisation


def _new_password_token(
    db: Database, settings: Settings, *, user_id: str, purpose: str
) -> tuple[str, int]:
    """A single-use code for choosing a password, and its lifetime in seconds."""
    token = security.new_token("vcr")
    lifetime = (
        settings.reset_token_minutes * 60
        if purpose == "reset"
        else settings.invite_token_hours * 3600
    )
    store.insert_password_token(
        db,
        {
            "token_hash": security.token_hash(token),
            "user_id": user_id,
            "purpose": purpose,
            "created_at": clock.now_iso(),
            "expires_at": clock.later(lifetime),
        },
    )
    return token, lifetime


def _invitation(
    settings: Settings,
    *,
    user: User,
    organisation: Organisation,
    invited_by: Literal["admin", "operator"],
    lifetime: int,
) -> mails.Mail:
    return mails.invitation(
        name=user.name,
        email=user.email,
        role=user.role,
        organisation=organisation.name,
        invited_by=invited_by,
        server_url=settings.base_url,
        app_url=settings.app_download_url,
        lifetime_seconds=lifetime,
    )


async def create_user(
    db: Database, settings: Settings, *, caller: Caller, form: CreateUserRequest
) -> User:
    email = form.email.lower()
    if store.email_taken(db, email):
        raise _email_taken()
    password_hash = None
    if form.password is not None:
        password_hash = await _checked_hash(
            form.password, user_inputs=[form.name, email], field_name="password"
        )
    now = clock.now_iso()
    row: dict[str, Any] = {
        "id": security.new_id("usr"),
        "organisation_id": caller.organisation_id,
        "name": form.name,
        "email": email,
        "role": form.role,
        "password_hash": password_hash,
        "active": 1,
        "created_at": now,
        "password_changed_at": now if password_hash else None,
        # The organisation accepted the policy; each user accepts it at first log-in.
        "policy_version": None,
    }
    with db.atomic():
        if store.email_taken(db, email):
            raise _email_taken()
        store.insert_user(db, row)
        user = get_user(db, caller=caller, user_id=row["id"])
        audit.record(
            db,
            event="user.created",
            organisation_id=caller.organisation_id,
            ip=caller.ip,
            target=user.id,
            details={"role": form.role},
            **caller.actor,
        )
        if password_hash is None:
            token, lifetime = _new_password_token(db, settings, user_id=user.id, purpose="invite")
            mail = _invitation(
                settings,
                user=user,
                organisation=get_organisation(db, caller=caller),
                invited_by="admin",
                lifetime=lifetime,
            )
            outbox.queue(db, to=user.email, subject=mail.subject, body=mail.body, secret=token)
    return user


def update_user(db: Database, *, caller: Caller, user_id: str, form: UpdateUserRequest) -> User:
    """Deactivation ends the user's sessions; it and a role change close their sockets."""
    with db.atomic():
        target = get_user(db, caller=caller, user_id=user_id)
        deactivate = form.active is False and target.active
        if rules.admin_would_vanish(
            active_admins=store.count_active_admins(db, caller.organisation_id),
            target_is_active_admin=target.role == "admin" and target.active,
            new_role=form.role,
            deactivate=deactivate,
        ):
            raise _last_admin()
        changes = form.model_dump(exclude_none=True)
        if "active" in changes:
            changes["active"] = int(changes["active"])
        if "email" in changes:
            address = _corrected_email(db, target, changes.pop("email"))
            changes |= {"email": address} if address else {}
        if changes:
            store.update_user(db, caller.organisation_id, user_id, changes)
        _audit_user_changes(db, caller=caller, target=target, form=form)
        _audit_correction(db, caller=caller, user=target, changes=changes)
        ended = store.delete_sessions_of_user(db, user_id) if deactivate else []
        if form.role is not None and form.role != target.role:
            # HTTP requests see the new role at once; a socket keeps the role it opened
            # with, so it is closed and the app reconnects with the same session.
            ended += store.session_hashes_of_user(db, user_id)
    events.publish(ended)
    return get_user(db, caller=caller, user_id=user_id)


def _audit_user_changes(
    db: Database, *, caller: Caller, target: User, form: UpdateUserRequest
) -> None:
    events: list[tuple[str, dict[str, Any]]] = []
    if form.role is not None and form.role != target.role:
        events.append(("user.role_changed", {"from": target.role, "to": form.role}))
    if form.active is not None and form.active != target.active:
        events.append(("user.reactivated" if form.active else "user.deactivated", {}))
    for event, details in events:
        audit.record(
            db,
            event=event,
            organisation_id=caller.organisation_id,
            ip=caller.ip,
            target=target.id,
            details=details,
            **caller.actor,
        )


def _corrected_email(db: Database, user: User, email: str) -> str | None:
    """The user's new address, or None when it is the one they have; 409 when another
    account uses it."""
    address = email.lower()
    if address == user.email:
        return None
    if store.email_taken(db, address):
        raise _email_taken()
    return address


def _audit_correction(
    db: Database, *, caller: Caller, user: User, changes: Mapping[str, Any]
) -> None:
    """P11: a correction of a name or address is audited by field (the values are in the
    account itself); a changed address is told to the old one, in case it was not its
    holder's wish."""
    fields = sorted(set(changes) & {"name", "email"})
    if not fields:
        return
    audit.record(
        db,
        event="user.corrected",
        organisation_id=caller.organisation_id,
        ip=caller.ip,
        target=user.id,
        details={"fields": fields},
        **caller.actor,
    )
    if "email" in changes:
        outbox.queue(
            db,
            to=user.email,
            subject="Your videoclerk e-mail address was changed",
            body=f"Hello {user.name},\n\n"
            f"The e-mail address of your videoclerk account is now {changes['email']}.\n"
            "Log in with that address from now on.\n\n"
            "If you did not ask for this, tell your organisation's administrator at once.\n",
        )


async def update_me(db: Database, *, caller: Caller, form: UpdateMeRequest) -> User:
    """A user corrects their own name or address (P11); a new address needs the password,
    since it is what a password reset is sent to."""
    assert caller.user_id is not None
    user = get_user(db, caller=caller, user_id=caller.user_id)
    changes: dict[str, Any] = {}
    if form.name is not None and form.name != user.name:
        changes["name"] = form.name
    address = None if form.email is None else _corrected_email(db, user, form.email)
    if address is not None:
        if form.current_password is None:
            raise ProblemError(
                422,
                "password_required",
                "Give your current password to change your e-mail address.",
                errors=[{"field": "current_password", "message": "needed to change the address"}],
            )
        good = await asyncio.to_thread(
            security.verify_password, user.password_hash, form.current_password
        )
        if not good:
            raise _wrong_password()
        changes["email"] = address
    with db.atomic():
        if address is not None and store.email_taken(db, address):  # taken while we hashed
            raise _email_taken()
        if changes:
            store.update_user(db, caller.organisation_id, user.id, changes)
        _audit_correction(db, caller=caller, user=user, changes=changes)
    return get_user(db, caller=caller, user_id=user.id)


def update_organisation(
    db: Database, *, caller: Caller, form: UpdateOrganisationRequest
) -> Organisation:
    """An admin corrects what sign-up stored (P7, P11); audited by field."""
    current = get_organisation(db, caller=caller)
    billing = form.billing_address
    wanted = rules.organisation_changes(
        name=form.name,
        organisation_number=form.organisation_number,
        vat_number=form.vat_number,
        billing=None if billing is None else (billing.street, billing.postal_code, billing.city),
        country=form.country,
    )
    changes = {
        column: value for column, value in wanted.items() if getattr(current, column) != value
    }
    if changes:
        with db.atomic():
            store.update_organisation(db, caller.organisation_id, changes)
            audit.record(
                db,
                event="organisation.corrected",
                organisation_id=caller.organisation_id,
                ip=caller.ip,
                target=caller.organisation_id,
                details={"fields": sorted(changes)},
                **caller.actor,
            )
    return _stored_organisation(db, caller.organisation_id)


def check_erasable(db: Database, *, caller: Caller, user_id: str) -> None:
    """A user an admin may have erased: in the organisation (else 404), not the admin
    themselves, and not the last active admin (409)."""
    target = get_user(db, caller=caller, user_id=user_id)
    if user_id == caller.user_id:
        raise ProblemError(
            409,
            "cannot_erase_self",
            "You cannot erase your own account. Ask another admin to do it.",
        )
    if rules.admin_would_vanish(
        active_admins=store.count_active_admins(db, caller.organisation_id),
        target_is_active_admin=target.role == "admin" and target.active,
        new_role=None,
        deactivate=True,
    ):
        raise _last_admin()


def erase_user(db: Database, *, organisation_id: str, user_id: str) -> bool:
    """P11: the user's name, address and password are erased and every session ends; the
    row stays as an id (audit entries and offers refer to it). False if there is no such
    user in the organisation."""
    user = store.get_user(db, organisation_id, user_id)
    if user is None:
        return False
    with db.atomic():
        store.update_user(db, organisation_id, user_id, rules.erased_user(user_id))
        ended = store.delete_sessions_of_user(db, user_id)
        store.delete_password_tokens_of_user(db, user_id)
        throttles.forget_subject(db, _account_key(user.email))
    events.publish(ended)
    return True


def _last_admin() -> ProblemError:
    return ProblemError(
        409,
        "last_admin",
        "An organisation needs at least one active admin. Make someone else admin first.",
    )


def _wrong_password() -> ProblemError:
    return ProblemError(
        403,
        "wrong_password",
        "The current password is wrong.",
        errors=[{"field": "current_password", "message": "wrong password"}],
    )


async def change_password(
    db: Database, *, caller: Caller, current_password: str, new_password: str
) -> None:
    """Changing a password ends every other session of the user (P17)."""
    assert caller.user_id is not None
    user = get_user(db, caller=caller, user_id=caller.user_id)
    good = await asyncio.to_thread(security.verify_password, user.password_hash, current_password)
    if not good:
        raise _wrong_password()
    new_hash = await _checked_hash(
        new_password, user_inputs=[user.name, user.email], field_name="new_password"
    )
    with db.atomic():
        store.update_user(
            db,
            caller.organisation_id,
            user.id,
            {"password_hash": new_hash, "password_changed_at": clock.now_iso()},
        )
        ended = store.delete_sessions_of_user(db, user.id, keep=caller.session_hash)
        audit.record(
            db,
            event="password.changed",
            organisation_id=caller.organisation_id,
            ip=caller.ip,
            target=user.id,
            **caller.actor,
        )
    events.publish(ended)


def reset_counters(settings: Settings, email: str, ip: str | None) -> list[throttles.Counter]:
    """Reset mails per address and requests per client IP, each per hour."""

    def per_hour(count: int) -> throttle_rules.Limit:
        return throttle_rules.Limit(free=count, first_delay=3600, max_delay=3600, window=3600)

    address = throttle_rules.normalised_email(email)
    return [
        throttles.Counter(
            throttle_rules.key("reset-ip", ip or ""), per_hour(settings.reset_requests_per_ip)
        ),
        throttles.Counter(
            throttle_rules.key("reset-account", address),
            per_hour(settings.reset_requests_per_address),
        ),
    ]


def request_reset(db: Database, settings: Settings, *, email: str, ip: str | None) -> None:
    """Queue a reset mail if the account exists and the limits allow; the answer is the same.

    Known and unknown addresses do the same work (count, look up, commit), so neither the
    answer nor its time tells them apart; the mail goes out after the response.
    """
    with db.atomic():
        held = throttles.take(db, reset_counters(settings, email, ip), clock.now().timestamp())
        if held is not None:
            return
        user = store.user_by_email(db, email)
        if user is None or not user.active or store.is_closed(db, user.organisation_id):
            return
        token, lifetime = _new_password_token(db, settings, user_id=user.id, purpose="reset")
        mail = mails.password_reset(
            name=user.name, server_url=settings.base_url, lifetime_seconds=lifetime
        )
        outbox.queue(db, to=user.email, subject=mail.subject, body=mail.body, secret=token)
        audit.record(
            db,
            event="password.reset_requested",
            organisation_id=user.organisation_id,
            ip=ip,
            target=user.id,
        )


def _invalid_reset_token() -> ProblemError:
    return ProblemError(
        400,
        "invalid_reset_token",
        "This code is unknown, used or expired. Ask for a new one with 'Forgot password'.",
    )


async def confirm_reset(db: Database, *, token: str, new_password: str, ip: str | None) -> User:
    """Set a new password with a single-use code; every session of the user ends (P17).
    Returns the user whose password it is, so the app can log in as them.

    A refused (weak) password leaves the code valid, so the person can try another one.
    """
    digest = security.token_hash(token)
    code = store.peek_password_token(db, digest, clock.now_iso())
    user = store.user_by_id(db, code.user_id) if code else None
    if code is None or user is None or not user.active or store.is_closed(db, user.organisation_id):
        raise _invalid_reset_token()
    new_hash = await _checked_hash(
        new_password, user_inputs=[user.name, user.email], field_name="new_password"
    )
    with db.atomic():
        # Taken only now, inside the transaction: of two concurrent uses, one wins.
        if store.take_password_token(db, digest, clock.now_iso()) is None:
            raise _invalid_reset_token()
        store.update_user(
            db,
            user.organisation_id,
            user.id,
            {"password_hash": new_hash, "password_changed_at": clock.now_iso()},
        )
        throttles.forget_subject(db, _account_key(user.email))
        ended = store.delete_sessions_of_user(db, user.id)
        store.delete_password_tokens_of_user(db, user.id)
        audit.record(
            db,
            event="password.reset" if code.purpose == "reset" else "password.set",
            organisation_id=user.organisation_id,
            ip=ip,
            actor_user_id=user.id,
            target=user.id,
        )
    events.publish(ended)
    return user


def report_leak(db: Database, *, caller: Caller) -> int:
    """P17: a user who fears a leaked password or token ends every session at once."""
    assert caller.user_id is not None
    with db.atomic():
        ended = store.delete_sessions_of_user(db, caller.user_id)
        audit.record(
            db,
            event="security.leak_reported",
            organisation_id=caller.organisation_id,
            ip=caller.ip,
            target=caller.user_id,
            details={"sessions_ended": len(ended)},
            **caller.actor,
        )
    events.publish(ended)
    return len(ended)


def unlock_user(db: Database, *, caller: Caller, user_id: str) -> int:
    """An admin lifts every log-in lock and slow-down on a user's account; audited."""
    with db.atomic():
        user = get_user(db, caller=caller, user_id=user_id)
        lifted = throttles.forget_subject(db, _account_key(user.email))
        audit.record(
            db,
            event="user.unlocked",
            organisation_id=caller.organisation_id,
            ip=caller.ip,
            target=user_id,
            details={"counters_cleared": lifted},
            **caller.actor,
        )
    return lifted


@dataclass(frozen=True)
class Recipient:
    """A user as the operator's mailings need them."""

    user_id: str
    organisation_id: str
    name: str
    email: str
    marketing_opt_in: bool
    accepted_a_policy: bool


def mail_recipients(db: Database) -> list[Recipient]:
    """Every active user of every organisation (for the operator's notices and mailings)."""
    return [
        Recipient(
            user_id=user.id,
            organisation_id=user.organisation_id,
            name=user.name,
            email=user.email,
            marketing_opt_in=user.marketing_opt_in,
            accepted_a_policy=user.policy_version is not None,
        )
        for user in store.active_users(db)
    ]


@dataclass(frozen=True)
class MarketingChoice:
    organisation_id: str
    opted_in: bool
    changed_at: str | None


def marketing_choice(db: Database, *, user_id: str) -> MarketingChoice | None:
    """A user's marketing choice (P13); None for an unknown or inactive user."""
    user = store.user_by_id(db, user_id)
    if user is None or not user.active:
        return None
    return MarketingChoice(
        organisation_id=user.organisation_id,
        opted_in=user.marketing_opt_in,
        changed_at=user.marketing_changed_at,
    )


def set_marketing_choice(
    db: Database, *, user_id: str, opt_in: bool, ip: str | None, via: str
) -> bool:
    """Record a user's marketing choice (P13), audited; False when the user is unknown.

    `via` says how: `app` (the user's own setting) or `link` (an unsubscribe link).
    """
    with db.atomic():
        user = store.user_by_id(db, user_id)
        if user is None:
            return False
        if user.marketing_opt_in != opt_in:
            store.update_user(
                db,
                user.organisation_id,
                user_id,
                {"marketing_opt_in": int(opt_in), "marketing_changed_at": clock.now_iso()},
            )
            audit.record(
                db,
                event="marketing.opted_in" if opt_in else "marketing.opted_out",
                organisation_id=user.organisation_id,
                ip=ip,
                actor_user_id=user_id,
                target=user_id,
                details={"via": via},
            )
    return True
