"""Sign-up of a customer organisation: what it asks, what it refuses and why (P7, P8, P14)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.accounts_helpers import (
    STRONG_PASSWORD,
    error_fields,
    log_in,
    problem,
    signup_form,
)

COMMON_PASSWORDS = Path(__file__).parents[1] / "server" / "data" / "common-passwords.txt"


def test_signup_creates_organisation_admin_and_two_keys(client: httpx.Client) -> None:
    """P7: sign-up takes holder, company, registration, VAT and billing data; ids are unique.
    P8: a live and a test API key are generated for the new account and shown once."""
    form = signup_form()
    response = client.post("/api/v1/signup", json=form)
    assert response.status_code == 201, response.text
    body = response.json()
    organisation, user = body["organisation"], body["user"]
    assert organisation["name"] == form["company_name"]
    assert organisation["organisation_number"] == form["organisation_number"]
    assert organisation["vat_number"] == form["vat_number"]
    assert organisation["billing_address"] == form["billing_address"]
    assert organisation["country"] == form["country"]
    assert user["email"] == form["email"]
    assert user["name"] == form["name"]
    assert user["role"] == "admin"
    assert user["active"] is True
    assert user["organisation_id"] == organisation["id"]
    assert "password" not in response.text
    assert STRONG_PASSWORD not in response.text
    environments = sorted(k["key"]["environment"] for k in body["api_keys"])
    assert environments == ["live", "test"]
    for created in body["api_keys"]:
        assert created["secret"].startswith(created["key"]["prefix"])
        assert len(created["secret"]) >= 32

    second = client.post("/api/v1/signup", json=signup_form()).json()
    ids = [
        organisation["id"],
        user["id"],
        *(k["key"]["id"] for k in body["api_keys"]),
        second["organisation"]["id"],
        second["user"]["id"],
        *(k["key"]["id"] for k in second["api_keys"]),
    ]
    assert len(set(ids)) == len(ids)
    # Unguessable: at least 128 random bits, i.e. 22 base64url characters after the type prefix.
    for identifier in ids:
        assert len(identifier.split("_", 1)[1]) >= 22, identifier

    token = log_in(client, form["email"], form["password"])
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["id"] == user["id"]


@pytest.mark.parametrize(
    ("country", "age"), [("NL", 15), ("DE", 13), ("CH", 15), ("US", 12), ("GB", 0)]
)
def test_signup_refuses_account_holders_under_the_age_limit(
    client: httpx.Client, country: str, age: int
) -> None:
    """P14: no account holder under 16 in the EEA and Switzerland, or under 13 elsewhere."""
    form = signup_form(country=country, age=age)
    body = problem(client.post("/api/v1/signup", json=form), 422)
    assert body["code"] == "below_minimum_age"
    assert error_fields(body) == {"age"}
    # Nothing was created: the address is still free once the age is right.
    assert client.post("/api/v1/signup", json={**form, "age": 30}).status_code == 201


@pytest.mark.parametrize(("country", "age"), [("US", 15), ("US", 13), ("NL", 16), ("ch", 16)])
def test_signup_allows_account_holders_at_the_age_limit(
    client: httpx.Client, country: str, age: int
) -> None:
    """P14: 13 is enough outside the EEA and Switzerland, 16 inside (country code any case)."""
    response = client.post("/api/v1/signup", json=signup_form(country=country, age=age))
    assert response.status_code == 201, response.text
    assert response.json()["organisation"]["country"] == country.upper()


def test_signup_refuses_weak_password_naming_the_field(client: httpx.Client) -> None:
    """P17: a weak password is refused with the reason, naming the field."""
    weak = "abcdefgh"
    assert weak not in COMMON_PASSWORDS.read_text().split()
    body = problem(client.post("/api/v1/signup", json=signup_form(password=weak)), 422)
    assert body["code"] == "weak_password"
    assert error_fields(body) == {"password"}
    assert "weak" in body["detail"].lower()


def test_signup_refuses_common_password_with_its_own_reason(client: httpx.Client) -> None:
    """P17: a password on the shipped list of common passwords is refused, saying so."""
    lines = COMMON_PASSWORDS.read_text().splitlines()
    common = next(p for p in lines if len(p) >= 12 and not p.startswith("#"))
    body = problem(client.post("/api/v1/signup", json=signup_form(password=common)), 422)
    assert body["code"] == "weak_password"
    assert error_fields(body) == {"password"}
    assert "common" in body["detail"].lower()
    weak = problem(client.post("/api/v1/signup", json=signup_form(password="abcdefgh")), 422)
    assert weak["detail"] != body["detail"]


@pytest.mark.parametrize("password", ["Zq9!x", "x" * 129])
def test_signup_refuses_password_length_outside_8_to_128(
    client: httpx.Client, password: str
) -> None:
    """P17: passwords have at least 8 and at most 128 characters."""
    body = problem(client.post("/api/v1/signup", json=signup_form(password=password)), 422)
    assert error_fields(body) == {"password"}
    assert "characters" in body["detail"]


def test_signup_accepts_a_128_character_password(client: httpx.Client) -> None:
    """P17: long passphrases up to 128 characters are accepted."""
    words = "orbit lantern cactus velvet harbour quill meadow zephyr "
    password = (words * 3)[:128]
    form = signup_form(password=password)
    assert client.post("/api/v1/signup", json=form).status_code == 201
    assert log_in(client, form["email"], password)


def test_signup_refuses_a_policy_version_that_is_not_current(client: httpx.Client) -> None:
    """P7/P15: sign-up needs the acceptance of the current privacy-policy version."""
    form = signup_form(accepted_policy_version="1999-01-01")
    body = problem(client.post("/api/v1/signup", json=form), 422)
    assert body["code"] == "policy_not_accepted"
    assert error_fields(body) == {"accepted_policy_version"}
    assert body["policy_version"] != form["accepted_policy_version"]
    retry = client.post(
        "/api/v1/signup", json={**form, "accepted_policy_version": body["policy_version"]}
    )
    assert retry.status_code == 201


def test_signup_refuses_an_email_address_in_use(client: httpx.Client) -> None:
    """P7: one account per e-mail address; the refusal names the field (any letter case)."""
    form = signup_form()
    assert client.post("/api/v1/signup", json=form).status_code == 201
    again = signup_form(email=form["email"].upper())
    body = problem(client.post("/api/v1/signup", json=again), 409)
    assert body["code"] == "email_taken"
    assert error_fields(body) == {"email"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"company_name": None}, "company_name"),
        ({"organisation_number": ""}, "organisation_number"),
        ({"vat_number": "N"}, "vat_number"),
        ({"email": "not-an-address"}, "email"),
        ({"country": "N1"}, "country"),
        ({"age": "old"}, "age"),
        ({"age": -1}, "age"),
        ({"billing_address": {"street": "Dam 1", "postal_code": "1012"}}, "billing_address.city"),
        ({"name": "   "}, "name"),
        ({"nickname": "extra"}, "nickname"),
    ],
)
def test_signup_validation_errors_name_the_field(
    client: httpx.Client, change: dict[str, object], field: str
) -> None:
    """P7: a missing or malformed sign-up field is refused as problem JSON naming that field."""
    form = signup_form()
    for name, value in change.items():
        if value is None:
            del form[name]
        else:
            form[name] = value
    body = problem(client.post("/api/v1/signup", json=form), 422)
    assert body["code"] == "invalid_input"
    assert field in error_fields(body)
    assert field in body["detail"]


def test_signup_with_a_body_that_is_not_json(client: httpx.Client) -> None:
    """Errors are problem JSON even when the body cannot be read at all."""
    response = client.post(
        "/api/v1/signup", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code in (400, 422)
    problem(response, response.status_code)
