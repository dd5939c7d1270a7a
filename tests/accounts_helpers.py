"""Sign-up and log-in helpers shared by tests: each test gets its own organisation."""

from __future__ import annotations

import email
import email.policy
import re
import secrets
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx

POLICY_VERSION = "2020-05-01"
STRONG_PASSWORD = "violet tractor hums seventeen lullabies"
OTHER_STRONG_PASSWORD = "marble penguin juggles quietly at dawn"
PROBLEM_JSON = "application/problem+json"


def signup_form(**overrides: Any) -> dict[str, Any]:
    tag = secrets.token_hex(4)
    form: dict[str, Any] = {
        "name": "Dana Holder",
        "email": f"holder-{tag}@example.com",
        "company_name": f"Shop {tag} B.V.",
        "organisation_number": "87654321",
        "vat_number": "NL000099998B57",
        "billing_address": {
            "street": "Keizersgracht 1",
            "postal_code": "1015 CJ",
            "city": "Amsterdam",
        },
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


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The problem document of an error response, after checking status and media type."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["code"], body
    assert body["detail"], body
    return body


def error_fields(body: dict[str, Any]) -> set[str]:
    return {str(e["field"]) for e in body.get("errors") or []}


def log_in(client: httpx.Client, email: str, password: str = STRONG_PASSWORD) -> str:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    response.raise_for_status()
    return str(response.json()["token"])


def new_org(client: httpx.Client, **overrides: Any) -> Org:
    form = signup_form(**overrides)
    response = client.post("/api/v1/signup", json=form)
    response.raise_for_status()
    body = response.json()
    keys = {k["key"]["environment"]: k["secret"] for k in body["api_keys"]}
    return Org(
        id=body["organisation"]["id"],
        admin_id=body["user"]["id"],
        admin_email=form["email"],
        admin_token=log_in(client, form["email"], form["password"]),
        live_key=keys["live"],
        test_key=keys["test"],
    )


def new_email(role: str = "user") -> str:
    return f"{role}-{secrets.token_hex(4)}@example.com"


def add_user(
    client: httpx.Client, org: Org, role: str, *, email: str | None = None
) -> tuple[str, str]:
    """Create a user with a password; return (user id, session token)."""
    email = email or new_email(role)
    response = client.post(
        "/api/v1/users",
        headers=org.admin,
        json={"name": f"Test {role}", "email": email, "role": role, "password": STRONG_PASSWORD},
    )
    response.raise_for_status()
    user_id = str(response.json()["id"])
    return user_id, user_log_in(client, email)


def user_log_in(client: httpx.Client, email: str, password: str = STRONG_PASSWORD) -> str:
    """Log in a user created by an admin: the first log-in accepts the privacy policy."""
    login = client.post(
        "/api/v1/auth/login",
        json={"email": email, "password": password, "accepted_policy_version": POLICY_VERSION},
    )
    login.raise_for_status()
    return str(login.json()["token"])


def mails_to(data_dir: Path, address: str) -> list[EmailMessage]:
    """Every message in the server's outbox addressed to `address`, oldest first."""
    outbox = data_dir / "outbox"
    found: list[tuple[float, EmailMessage]] = []
    for path in outbox.glob("*.eml") if outbox.is_dir() else []:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        if str(message["To"]).lower() == address.lower():
            found.append((path.stat().st_mtime_ns, message))
    return [m for _, m in sorted(found, key=lambda pair: pair[0])]


_CODE_LINE = re.compile(r"^ {4}(\S+)\s*$", re.MULTILINE)


def wait_for_mails(
    data_dir: Path, address: str, count: int = 1, timeout: float = 30.0
) -> list[EmailMessage]:
    """At least `count` mails to `address`, waiting for the server's sender to deliver them.

    Mail leaves the server after the response (an outbox), so a test polls for the file;
    the timeout only guards against a mail that never comes.
    """
    deadline = time.monotonic() + timeout
    while len(messages := mails_to(data_dir, address)) < count:
        assert time.monotonic() < deadline, f"no {count} mail(s) to {address} in {data_dir}"
        time.sleep(0.02)
    return messages


def mailed_code(data_dir: Path, address: str) -> str:
    """The code in the newest mail to `address` (the indented line), once one has come."""
    messages = wait_for_mails(data_dir, address)
    part = messages[-1].get_body(preferencelist=("plain",))
    assert part is not None
    codes = _CODE_LINE.findall(part.get_content())
    assert len(codes) == 1, codes
    return str(codes[0])


def choose_password(client: httpx.Client, code: str, password: str) -> None:
    """Use a mailed (or handed-over) code to choose a password, as the app's dialog does."""
    chosen = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": code, "new_password": password}
    )
    assert chosen.status_code == 200, chosen.text


def audit_events(client: httpx.Client, org: Org, **filters: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/audit", headers=org.admin, params={"limit": 500, **filters})
    response.raise_for_status()
    items: list[dict[str, Any]] = response.json()["items"]
    return items
