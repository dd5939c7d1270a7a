"""Sign-up and log-in helpers shared by tests: each test gets its own organisation."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx

POLICY_VERSION = "2020-05-01"
STRONG_PASSWORD = "violet tractor hums seventeen lullabies"


def signup_form(**overrides: Any) -> dict[str, Any]:
    tag = secrets.token_hex(4)
    form: dict[str, Any] = {
        "name": "Dana Holder",
        "email": f"holder-{tag}@example.com",
        "company_name": f"Shop {tag} B.V.",
        "organisation_number": "87654321",
        "vat_number": "NL000099998B57",
        "billing_address": {"street": "Keizersgracht 1", "postal_code": "1015 CJ", "city": "Amsterdam"},
        "country": "NL",
        "password": STRONG_PASSWORD,
        "age": 40,
        "accepted_policy_version": POLICY_VERSION,
    }
    form.update(overrides)
    return form


@dataclass
class Org:
    id: str
    admin_id: str
    admin_email: str
    admin_token: str
    live_key: str
    test_key: str

    @property
    def admin(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin_token}"}


def log_in(client: httpx.Client, email: str, password: str = STRONG_PASSWORD) -> str:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    response.raise_for_status()
    return str(response.json()["token"])


def new_org(client: httpx.Client) -> Org:
    form = signup_form()
    response = client.post("/api/v1/signup", json=form)
    response.raise_for_status()
    body = response.json()
    keys = {k["key"]["environment"]: k["secret"] for k in body["api_keys"]}
    return Org(
        id=body["organisation"]["id"],
        admin_id=body["user"]["id"],
        admin_email=form["email"],
        admin_token=log_in(client, form["email"]),
        live_key=keys["live"],
        test_key=keys["test"],
    )


def add_user(client: httpx.Client, org: Org, role: str) -> tuple[str, str]:
    """Create a user with a password; return (user id, session token)."""
    email = f"{role}-{secrets.token_hex(4)}@example.com"
    response = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": f"Test {role}", "email": email, "role": role, "password": STRONG_PASSWORD},
    )
    response.raise_for_status()
    user_id = str(response.json()["id"])
    login = client.post(
        "/api/v1/auth/login",
        json={"email": email, "password": STRONG_PASSWORD, "accepted_policy_version": POLICY_VERSION},
    )
    login.raise_for_status()
    return user_id, str(login.json()["token"])
