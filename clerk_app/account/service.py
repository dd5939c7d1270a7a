"""Account calls over HTTP(S): sign up (and whether it is open), log in and out, password
reset, who am I, health.

Returns plain dataclasses; refusals come back as `ServiceError` with the server's code.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

import httpx

from clerk_app.errors import CertificateProblem, ServerUnreachable, ServiceError
from clerk_app.server_address import ServerAddress


@dataclass(frozen=True)
class SignedInUser:
    id: str
    organisation_id: str
    name: str
    email: str
    role: str


@dataclass(frozen=True)
class ServerHealth:
    status: str  # "ok" or "degraded"
    version: str


@dataclass(frozen=True)
class BillingAddress:
    street: str
    postal_code: str
    city: str


@dataclass(frozen=True)
class SignUpForm:
    """Everything the sign-up of a new organisation asks for (see server/accounts/models.py)."""

    name: str
    email: str
    company_name: str
    organisation_number: str
    vat_number: str
    billing_address: BillingAddress
    country: str
    password: str
    age: int
    accepted_policy_version: str


@dataclass(frozen=True)
class ApiKeySecret:
    """A new API key; the secret is shown once and never again."""

    name: str
    environment: str
    secret: str


@dataclass(frozen=True)
class SignedUp:
    organisation_id: str
    organisation_name: str
    user: SignedInUser
    api_keys: list[ApiKeySecret]


@dataclass(frozen=True)
class Session:
    server: ServerAddress
    token: str
    expires_at: str
    user: SignedInUser


def signed_in_user(data: dict[str, Any]) -> SignedInUser:
    """A user as the server describes one (log-in, /me, corrections)."""
    return SignedInUser(
        id=data["id"],
        organisation_id=data["organisation_id"],
        name=data["name"],
        email=data["email"],
        role=data["role"],
    )


class AccountService:
    """One HTTP client per server, shared by every account call."""

    def __init__(self, server: ServerAddress, *, timeout: float = 15.0) -> None:
        self.server = server
        verify: ssl.SSLContext | bool = server.ssl_context() or True
        self._http = httpx.AsyncClient(
            base_url=server.base_url, timeout=timeout, verify=verify, proxy=server.proxy
        )

    async def close(self) -> None:
        await self._http.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        json: Any = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        with self._transport_errors():
            response = await self._http.request(
                method, path, json=json, params=params, headers=_auth(token)
            )
        if response.status_code >= 400:
            raise _problem(response)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise ServiceError(
                "not_videoclerk",
                f"{self.server.base_url} answered, but not like a videoclerk server. "
                "Check the address.",
                status=response.status_code,
            ) from exc

    async def download(
        self,
        path: str,
        *,
        token: str | None,
        params: dict[str, Any] | None,
        write: Callable[[bytes], object],
    ) -> int:
        """GET a file, handing each chunk to `write` as it arrives; the number of bytes."""
        received = 0
        with self._transport_errors():
            async with self._http.stream(
                "GET", path, params=params, headers=_auth(token)
            ) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise _problem(response)
                async for chunk in response.aiter_bytes():
                    write(chunk)
                    received += len(chunk)
        return received

    @contextmanager
    def _transport_errors(self) -> Iterator[None]:
        """httpx's failures to connect or to finish, as `ServerUnreachable` and the like."""
        try:
            yield
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, ssl.SSLCertVerificationError) or "CERTIFICATE" in str(exc):
                raise CertificateProblem(
                    "certificate",
                    f"The server's certificate could not be verified: {exc}. "
                    "Ask your administrator for the right address or CA file.",
                ) from exc
            raise ServerUnreachable(
                "unreachable",
                f"Cannot reach {self.server.base_url}. Check the address and network.",
            ) from exc
        except httpx.TimeoutException as exc:
            raise ServerUnreachable(
                "timeout", "The server did not answer in time. Try again."
            ) from exc
        except httpx.TransportError as exc:  # the connection broke off mid-request
            raise ServerUnreachable(
                "unreachable", f"The connection to {self.server.base_url} broke off. Try again."
            ) from exc

    async def health(self) -> ServerHealth:
        data = await self.request("GET", "/health")
        if not isinstance(data, dict) or "version" not in data:
            raise ServiceError(
                "not_videoclerk",
                f"{self.server.base_url} answered, but not like a videoclerk server. "
                "Check the address.",
            )
        return ServerHealth(status=str(data.get("status", "ok")), version=str(data["version"]))

    async def signup_open(self) -> bool:
        """Whether the server takes new organisations; its operator may have switched it off."""
        data = await self.request("GET", "/api/v1/signup")
        return bool(data.get("open", True)) if isinstance(data, dict) else True

    async def sign_up(self, form: SignUpForm) -> SignedUp:
        body = asdict(form)
        data = await self.request("POST", "/api/v1/signup", json=body)
        keys = [
            ApiKeySecret(
                name=str(k["key"].get("name", "")),
                environment=str(k["key"].get("environment", "")),
                secret=str(k["secret"]),
            )
            for k in data.get("api_keys", [])
        ]
        return SignedUp(
            organisation_id=data["organisation"]["id"],
            organisation_name=data["organisation"]["name"],
            user=signed_in_user(data["user"]),
            api_keys=keys,
        )

    async def request_reset(self, email: str) -> str:
        """Ask for a reset code by e-mail; the answer is the same whether the address exists."""
        data = await self.request("POST", "/api/v1/auth/password-reset", json={"email": email})
        return str(data.get("detail", "")) if isinstance(data, dict) else ""

    async def confirm_reset(self, code: str, new_password: str) -> str:
        """Set a password with a mailed code; the e-mail address of the account it is for
        ("" from a server too old to say)."""
        data = await self.request(
            "POST",
            "/api/v1/auth/password-reset/confirm",
            json={"token": code.strip(), "new_password": new_password},
        )
        return str(data.get("email", "")) if isinstance(data, dict) else ""

    async def log_in(
        self, email: str, password: str, *, accepted_policy_version: str | None = None
    ) -> Session:
        body = {"email": email, "password": password}
        if accepted_policy_version:
            body["accepted_policy_version"] = accepted_policy_version
        data = await self.request("POST", "/api/v1/auth/login", json=body)
        return Session(self.server, data["token"], data["expires_at"], signed_in_user(data["user"]))

    async def log_out(self, session: Session) -> None:
        await self.request("POST", "/api/v1/auth/logout", token=session.token)

    async def me(self, server_token: str) -> SignedInUser:
        return signed_in_user(await self.request("GET", "/api/v1/me", token=server_token))


def _auth(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def _problem(response: httpx.Response) -> ServiceError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    error = ServiceError(
        str(body.get("code", "http_error")),
        str(body.get("detail", f"The server answered {response.status_code}.")),
        status=response.status_code,
    )
    retry = body.get("retry_after_seconds")
    error.retry_after_seconds = retry if isinstance(retry, int) else None
    known = {"type", "title", "status", "detail", "code", "errors", "retry_after_seconds"}
    error.extra = {k: v for k, v in body.items() if k not in known}
    for item in body.get("errors") or []:
        if isinstance(item, dict) and "field" in item:
            error.field_errors[str(item["field"])] = str(item.get("message", ""))
    return error
