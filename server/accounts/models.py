"""Organisations, users, sessions and password codes as stored, and the request and
response bodies of the accounts API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from server.apikeys.models import KeyCreated

Role = Literal["admin", "supervisor", "clerk"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Password = Annotated[str, Field(min_length=1, max_length=1024)]
CountryCode = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")
]


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    organisation_number: str
    vat_number: str
    billing_street: str
    billing_postal_code: str
    billing_city: str
    country: str
    created_at: str
    closed_at: str | None


@dataclass(frozen=True, slots=True)
class UserProfile:
    """A user without their password hash: what a session's caller carries, in the cache of
    callers, for the whole session."""

    id: str
    organisation_id: str
    name: str
    email: str
    role: str
    active: bool
    created_at: str
    policy_version: str | None
    policy_accepted_at: str | None
    age_confirmed_at: str | None
    password_changed_at: str | None
    marketing_opt_in: bool
    marketing_changed_at: str | None


@dataclass(frozen=True, slots=True)
class User(UserProfile):
    """A user as the store keeps them: the password only as an argon2 hash (P17); an erased
    user keeps only the id (P11)."""

    password_hash: str | None


@dataclass(frozen=True, slots=True)
class Session:
    """A session with its user (not their password hash), read in one query."""

    expires_at: str
    user: UserProfile


@dataclass(frozen=True, slots=True)
class PasswordToken:
    """A single-use code for choosing a password, kept only as a SHA-256 (P8)."""

    token_hash: str
    user_id: str
    purpose: str
    created_at: str
    expires_at: str


OrganisationNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)
]
VatNumber = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BillingAddress(Strict):
    street: Text
    postal_code: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)
    ]
    city: Text


class SignupRequest(Strict):
    name: Text = Field(description="The account holder's full name.")
    email: EmailStr
    company_name: Text
    organisation_number: OrganisationNumber = Field(
        description="Chamber of commerce or company registration number."
    )
    vat_number: VatNumber
    billing_address: BillingAddress
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code, e.g. NL.")
    password: Password
    age: int = Field(
        ge=0,
        le=150,
        description="The account holder's age in years; checked against the legal minimum "
        "(16 in the EEA and Switzerland, 13 elsewhere) and not stored.",
    )
    accepted_policy_version: str = Field(
        max_length=40, description="The privacy-policy version the account holder accepted."
    )


class OrganisationByOperator(Strict):
    """What `videoclerk-server org create` takes: the company as sign-up asks for it (P7), and
    its first admin, who gets an invitation code to choose a password and accepts the
    privacy policy at first log-in (P15). The admin's age is checked as sign-up checks it (P14)."""

    company_name: Text
    organisation_number: OrganisationNumber
    vat_number: VatNumber
    billing_address: BillingAddress
    country: CountryCode
    admin_name: Text
    admin_email: EmailStr
    admin_age: int = Field(ge=0, le=150)


class SignupInfo(BaseModel):
    open: bool = Field(
        description="Whether POST /api/v1/signup takes new organisations; when not, the "
        "server's operator creates them."
    )


class UserOut(BaseModel):
    id: str
    organisation_id: str
    name: str
    email: str
    role: Role
    active: bool
    created_at: str


class OrganisationOut(BaseModel):
    id: str
    name: str
    organisation_number: str
    vat_number: str
    billing_address: BillingAddress
    country: str
    created_at: str


class SignupResponse(BaseModel):
    organisation: OrganisationOut
    user: UserOut
    api_keys: list[KeyCreated]


class LoginRequest(Strict):
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=320)]
    password: Password
    accepted_policy_version: str | None = Field(
        None, max_length=40, description="Send when re-accepting a changed privacy policy."
    )


class LoginResponse(BaseModel):
    token: str = Field(description="Send as `Authorization: Bearer <token>`.")
    expires_at: str
    user: UserOut


class CreateUserRequest(Strict):
    name: Text
    email: EmailStr
    role: Role
    password: Password | None = Field(
        None, description="Leave out to e-mail the user a link to choose a password."
    )


class UpdateUserRequest(Strict):
    name: Text | None = None
    email: EmailStr | None = Field(None, description="Correct the user's address (P11).")
    role: Role | None = None
    active: bool | None = None


class UpdateMeRequest(Strict):
    """A user corrects their own account (P11)."""

    name: Text | None = None
    email: EmailStr | None = Field(
        None, description="The new log-in address; needs `current_password`."
    )
    current_password: Password | None = Field(
        None, description="Your password, to change the e-mail address."
    )


class UpdateOrganisationRequest(Strict):
    """An admin corrects what sign-up stored about the organisation (P7, P11)."""

    name: Text | None = Field(None, description="The company name.")
    organisation_number: OrganisationNumber | None = None
    vat_number: VatNumber | None = None
    billing_address: BillingAddress | None = None
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code, e.g. NL.")


class UserPage(BaseModel):
    items: list[UserOut]


class ChangePasswordRequest(Strict):
    current_password: Password
    new_password: Password


class ResetRequest(Strict):
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=320)]


class ResetConfirm(Strict):
    token: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    new_password: Password


class Accepted(BaseModel):
    detail: str


class PasswordSet(Accepted):
    email: str = Field(
        description="The address of the account whose password the code set: the one to log "
        "in with (an invited user may not know which address the invitation went to)."
    )
