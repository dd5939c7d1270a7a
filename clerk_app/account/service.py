"""Account calls over HTTP(S): log in, log out, who am I. Returns plain dataclasses."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
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
class Session:
    server: ServerAddress
    token: str
    expires_at: str
    user: SignedInUser


def _user(data: dict[str, Any]) -> SignedInUser:
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
        self._http = httpx.AsyncClient(base_url=server.base_url, timeout=timeout, verify=verify)

    async def close(self) -> None:
        await self._http.aclose()

    async def request(
        self, method: str, path: str, *, token: str | None = None, json: Any = None
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            response = await self._http.request(method, path, json=json, headers=headers)
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, ssl.SSLCertVerificationError) or "CERTIFICATE" in str(exc):
                raise CertificateProblem(
                    "certificate",
                    f"The server's certificate could not be verified: {exc}. "
                    "Ask your administrator for the right address or CA file.",
                ) from exc
            raise ServerUnreachable(
                "unreachable", f"Cannot reach {self.server.base_url}. Check the address and network."
            ) from exc
        except httpx.TimeoutException as exc:
            raise ServerUnreachable("timeout", "The server did not answer in time. Try again.") from exc
        if response.status_code >= 400:
            raise _problem(response)
        return response.json() if response.content else None

    async def log_in(
        self, email: str, password: str, *, accepted_policy_version: str | None = None
    ) -> Session:
        body = {"email": email, "password": password}
        if accepted_policy_version:
            body["accepted_policy_version"] = accepted_policy_version
        data = await self.request("POST", "/api/v1/auth/login", json=body)
        return Session(self.server, data["token"], data["expires_at"], _user(data["user"]))

    async def log_out(self, session: Session) -> None:
        await self.request("POST", "/api/v1/auth/logout", token=session.token)

    async def me(self, server_token: str) -> SignedInUser:
        return _user(await self.request("GET", "/api/v1/me", token=server_token))


def _problem(response: httpx.Response) -> ServiceError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    error = ServiceError(
        str(body.get("code", "http_error")),
        str(body.get("detail", f"The server answered {response.status_code}.")),
        status=response.status_code,
    )
    error.retry_after_seconds = body.get("retry_after_seconds")
    return error
