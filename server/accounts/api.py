"""Thin HTTP routes for sign-up, log-in, users and passwords."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, status

from server.access import (
    ADMIN,
    ANY_USER,
    Caller,
    client_ip,
    database_of,
    get_db,
    get_settings,
    require,
)
from server.accounts import service
from server.accounts.models import (
    Accepted,
    ChangePasswordRequest,
    CreateUserRequest,
    LoginRequest,
    LoginResponse,
    OrganisationOut,
    PasswordSet,
    ResetConfirm,
    ResetRequest,
    SignupInfo,
    SignupRequest,
    SignupResponse,
    UpdateMeRequest,
    UpdateOrganisationRequest,
    UpdateUserRequest,
    UserOut,
    UserPage,
)
from server.apikeys.service import key_secret
from server.config import Settings
from server.problems import PROBLEM_RESPONSES
from server.sql import Database

router = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)

DB = Depends(get_db)
SETTINGS = Depends(get_settings)
ANY_USER_OR_READ_KEY = Depends(require(roles=ANY_USER, scope="read"))
ADMIN_OR_READ_KEY = Depends(require(roles=ADMIN, scope="read"))
# P8: keys are credentials for the API's data, never for managing people or keys.
ADMIN_USER = Depends(require(roles=ADMIN))
USER = Depends(require(roles=ANY_USER))


# The most frequent reads come first: FastAPI tries routes in order, twice per request for
# an included router, so their position is part of their cost. They also take the database
# from the request rather than from a second dependency, which FastAPI would solve anew on
# every request (see bench/api.py).


@router.get("/me", tags=["accounts"])
async def me(caller: Caller = USER) -> UserOut:
    """The logged-in user, as read together with the session."""
    assert caller.user is not None
    return service.user_out(caller.user)


@router.get("/organisation", tags=["accounts"])
async def organisation(request: Request, caller: Caller = ANY_USER_OR_READ_KEY) -> OrganisationOut:
    db = database_of(request)
    return service.organisation_out(service.get_organisation(db, caller=caller))


@router.get("/signup", tags=["accounts"])
async def signup_info(settings: Settings = SETTINGS) -> SignupInfo:
    """Whether this server takes sign-ups: the app hides "Create an organisation" if not."""
    return SignupInfo(open=settings.public_signup)


@router.patch("/me", tags=["accounts"])
async def correct_me(form: UpdateMeRequest, caller: Caller = USER, db: Database = DB) -> UserOut:
    """Correct your own name or e-mail address (P11); a new address needs your password, and
    the old address is told of the change."""
    return service.user_out(await service.update_me(db, caller=caller, form=form))


@router.patch("/organisation", tags=["accounts"])
async def correct_organisation(
    form: UpdateOrganisationRequest, caller: Caller = ADMIN_USER, db: Database = DB
) -> OrganisationOut:
    """Correct what sign-up stored about the organisation (P7, P11); fields left out stay."""
    return service.organisation_out(service.update_organisation(db, caller=caller, form=form))


@router.post("/signup", status_code=status.HTTP_201_CREATED, tags=["accounts"])
async def sign_up(
    form: SignupRequest, request: Request, db: Database = DB, settings: Settings = SETTINGS
) -> SignupResponse:
    """Create an organisation with its first admin; returns its two API keys, shown once.

    403 `signup_closed` when the operator has switched public sign-up off."""
    done = await service.sign_up(db, settings, form=form, ip=client_ip(request))
    return SignupResponse(
        organisation=service.organisation_out(done.organisation),
        user=service.user_out(done.user),
        api_keys=[key_secret(k) for k in done.keys],
    )


@router.post("/auth/login", tags=["auth"])
async def log_in(
    form: LoginRequest, request: Request, db: Database = DB, settings: Settings = SETTINGS
) -> LoginResponse:
    done = await service.log_in(
        db,
        settings,
        email=form.email,
        password=form.password,
        accepted_policy_version=form.accepted_policy_version,
        ip=client_ip(request),
    )
    return LoginResponse(
        token=done.token, expires_at=done.expires_at, user=service.user_out(done.user)
    )


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT, tags=["auth"])
async def log_out(caller: Caller = USER, db: Database = DB) -> None:
    service.log_out(db, caller=caller)


@router.post("/auth/password-reset", status_code=status.HTTP_202_ACCEPTED, tags=["auth"])
async def request_reset(
    form: ResetRequest, request: Request, db: Database = DB, settings: Settings = SETTINGS
) -> Accepted:
    service.request_reset(db, settings, email=form.email, ip=client_ip(request))
    return Accepted(detail="If an account uses this address, a reset code is on its way.")


@router.post("/auth/password-reset/confirm", tags=["auth"])
async def confirm_reset(form: ResetConfirm, request: Request, db: Database = DB) -> PasswordSet:
    user = await service.confirm_reset(
        db, token=form.token, new_password=form.new_password, ip=client_ip(request)
    )
    return PasswordSet(
        detail="Your password is changed. Log in with the new one.", email=user.email
    )


@router.post("/me/password", tags=["accounts"])
async def change_password(
    form: ChangePasswordRequest, caller: Caller = USER, db: Database = DB
) -> Accepted:
    await service.change_password(
        db, caller=caller, current_password=form.current_password, new_password=form.new_password
    )
    return Accepted(detail="Your password is changed; your other sessions have ended.")


@router.post("/me/report-leak", tags=["accounts"])
async def report_leak(caller: Caller = USER, db: Database = DB) -> Accepted:
    """Report a leaked password or token: every session of yours ends now."""
    ended = service.report_leak(db, caller=caller)
    return Accepted(detail=f"{ended} session(s) ended. Log in again and change your password.")


@router.get("/users", tags=["users"])
async def list_users(caller: Caller = ADMIN_OR_READ_KEY, db: Database = DB) -> UserPage:
    return UserPage(items=[service.user_out(r) for r in service.list_users(db, caller=caller)])


@router.post("/users", status_code=status.HTTP_201_CREATED, tags=["users"])
async def create_user(
    form: CreateUserRequest,
    caller: Caller = ADMIN_USER,
    db: Database = DB,
    settings: Settings = SETTINGS,
) -> UserOut:
    """Without a password, the new user gets an e-mail with a code to choose one."""
    return service.user_out(await service.create_user(db, settings, caller=caller, form=form))


@router.get("/users/{user_id}", tags=["users"])
async def get_user(user_id: str, caller: Caller = ADMIN_OR_READ_KEY, db: Database = DB) -> UserOut:
    return service.user_out(service.get_user(db, caller=caller, user_id=user_id))


@router.patch("/users/{user_id}", tags=["users"])
async def update_user(
    user_id: str, form: UpdateUserRequest, caller: Caller = ADMIN_USER, db: Database = DB
) -> UserOut:
    """Rename, correct the address, change role, deactivate (ends the user's sessions at
    once) or reactivate."""
    return service.user_out(service.update_user(db, caller=caller, user_id=user_id, form=form))


@router.post("/users/{user_id}/unlock", tags=["users"])
async def unlock_user(user_id: str, caller: Caller = ADMIN_USER, db: Database = DB) -> Accepted:
    """Lift the log-in locks and slow-downs on a user's account, from every address."""
    service.unlock_user(db, caller=caller, user_id=user_id)
    return Accepted(detail="Log-in locks on this account are lifted.")
