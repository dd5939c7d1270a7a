"""Server settings: command-line flags, then environment (VIDEOCLERK_*), then a TOML file."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from videoclerk_protocol.messages import IceTransportPolicy


class IceServerSetting(BaseModel):
    urls: list[str]
    username: str | None = None
    credential: str | None = None


class SubprocessorSetting(BaseModel):
    """One sub-processor as the operator lists it (P6)."""

    name: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1, max_length=500)
    location: str = Field(min_length=1, max_length=200, description="Country or region.")
    outside_eea: bool = Field(
        False, description="Data reaches it outside the EEA and Switzerland (a transfer)."
    )
    safeguards: str | None = Field(
        None,
        max_length=500,
        description="For a transfer: what protects it (an adequacy decision, standard "
        "contractual clauses) (P19). Required when `outside_eea` is set.",
    )

    @model_validator(mode="after")
    def _transfer_safeguarded(self) -> SubprocessorSetting:
        if self.outside_eea and not self.safeguards:
            raise ValueError(f"{self.name}: state the safeguards of a transfer outside the EEA")
        return self


class Settings(BaseSettings):
    """Everything an operator may set. Defaults suit a local install."""

    model_config = SettingsConfigDict(env_prefix="VIDEOCLERK_", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Folder for the database and mail outbox.")
    database_url: str | None = Field(
        None,
        description="The database: 'sqlite:///path/to/file.db' (a relative path after the "
        "three slashes, an absolute one after four) or 'postgresql://user@host:5432/name' "
        "(docs/scale-out.md). Unset: videoclerk.db in the data folder.",
    )
    host: str = "127.0.0.1"
    port: int = 8080
    tls_cert: Path | None = None
    tls_key: Path | None = None
    public_url: str | None = Field(
        None,
        description="Address users reach the server at (http(s)://host[:port][/path]): used in "
        "mailed links, widget snippets and the panel's CSP. Unset: derived from host, port and "
        "TLS, never from a request's Host header.",
    )
    trusted_hosts: list[str] = Field(
        default_factory=list,
        description="Host names (or '*.example.com') requests may be addressed to; any other "
        "Host header gets 400. Empty: every host is accepted.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks (e.g. '127.0.0.1', '10.0.0.0/8') of reverse proxies "
        "whose X-Forwarded-For and X-Forwarded-Proto are believed: requests from them count "
        "as coming from the forwarded client IP (log-in audit, per-IP limits). Empty: the "
        "headers are ignored and the connecting address is the client's.",
    )
    max_body_bytes: int = Field(
        1024 * 1024, ge=1024, description="Largest request body accepted (413 beyond it)."
    )
    body_limits: dict[str, int] = Field(
        default_factory=dict,
        description="Other body limits (bytes) by path prefix, e.g. {'/api/v1/uploads/' = "
        "104857600}; the longest matching prefix wins over max_body_bytes.",
    )

    public_signup: bool = Field(
        True,
        description="Anyone may create an organisation with POST /api/v1/signup (and the app's "
        "'Create an organisation'). Off: only `videoclerk-server org create` makes them.",
    )
    app_download_url: str | None = Field(
        None,
        description="Where new users get the clerk app; named in invitation mails.",
    )
    session_hours: int = Field(12, ge=1, description="How long a log-in session lasts.")
    reset_token_minutes: int = Field(30, ge=1)
    invite_token_hours: int = Field(72, ge=1)

    # Log-in throttling (docs/security.md): attempts are counted before the password is checked.
    login_slow_after: int = Field(
        3, ge=1, description="Failed log-ins on one account, from anywhere, before it is slowed."
    )
    login_slow_seconds: float = Field(
        0.5, ge=0, description="First wait once an account is slowed; doubles with each failure."
    )
    login_slow_max_seconds: float = Field(
        60, ge=0, description="Longest wait an account's slow-down imposes (it never locks)."
    )
    login_lock_after: int = Field(
        5, ge=1, description="Failures on one account from one IP before that pair is locked."
    )
    login_ip_lock_after: int = Field(
        20, ge=1, description="Failures from one IP, on any accounts, before it is locked."
    )
    login_failure_window_seconds: int = Field(
        900, ge=1, description="Failures older than this are forgotten."
    )
    login_lockout_seconds: int = Field(900, ge=1, description="How long a lock lasts.")
    reset_requests_per_address: int = Field(
        3, ge=1, description="Password-reset mails per e-mail address per hour (more: silence)."
    )
    reset_requests_per_ip: int = Field(
        20, ge=1, description="Password-reset requests per client IP per hour."
    )

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    mail_from: str = "videoclerk <no-reply@localhost>"
    mail_retry_seconds: float = Field(
        30, gt=0, description="First wait before a failed mail is sent again; doubles each time."
    )
    mail_max_attempts: int = Field(8, ge=1, description="Tries before a mail is given up.")
    mail_poll_seconds: float = Field(
        60,
        gt=0,
        description="How often the sender looks for mail queued by another process (the "
        "operator's `videoclerk-server mail send`, `policy add --announce`).",
    )

    reconnect_grace_seconds: float = Field(
        30, gt=0, description="How long a dropped socket keeps its queue place or call."
    )
    answer_timeout_seconds: float = Field(
        10, gt=0, description="How long a visitor has to answer the clerk's call after `assigned`."
    )
    heartbeat_seconds: float = Field(
        5, gt=0, description="Every socket is pinged this often; see heartbeat_timeout_seconds."
    )
    heartbeat_timeout_seconds: float = Field(
        5, gt=0, description="A socket that answers no ping for this long counts as dropped."
    )
    socket_send_limit_bytes: int = Field(
        4 * 1024 * 1024, ge=65536, description="Unsent data a socket may queue before it is cut."
    )
    bus_url: str | None = Field(
        None,
        description="NATS server (nats://host:4222) linking several server processes: a "
        "log-out, a revoked key or a deactivation on one holds on all at once. Unset: one "
        "process (docs/scale-out.md).",
    )
    bus_subject_prefix: str = Field(
        "videoclerk",
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Subject prefix shared by the server processes of one deployment.",
    )
    test_clock: bool = Field(
        False, description="Tests only: POST /test/clock moves the server's clock forward."
    )
    test_clock_start: datetime | None = Field(
        None,
        description="Tests only, with test_clock: the clock starts at this later moment (a "
        "command such as `retention run` then shares a moved server's time).",
    )
    visitor_connections_per_minute: int = Field(
        30,
        ge=1,
        description="Visitor sockets one IP may open per minute (the IP is kept in memory only; "
        "with limits_url, Redis gets a keyed hash of it).",
    )
    visitor_joins_per_minute: int = Field(10, ge=1, description="Queue joins per IP per minute.")
    visitor_ratings_per_minute: int = Field(
        10, ge=1, description="Ratings of calls posted per IP per minute."
    )
    limits_url: str | None = Field(
        None,
        description="Redis (redis://host:6379/0) where every server process counts the "
        "visitors' per-IP connections and joins, so that the limits hold across processes. "
        "Unset: each process counts its own, in memory (docs/scale-out.md).",
    )
    limits_key_prefix: str = Field(
        "videoclerk",
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Prefix of the keys in Redis, shared by the server processes of one "
        "deployment.",
    )
    limits_timeout_seconds: float = Field(
        1.0,
        gt=0,
        le=30,
        description="How long a process waits for Redis before it counts in its own memory "
        "instead (and /health says `limits: this_process`) until Redis answers again.",
    )
    ice_servers: list[IceServerSetting] = Field(
        default_factory=list, description="STUN/TURN servers handed to both ends of a call."
    )
    turn_urls: list[str] = Field(
        default_factory=list, description="TURN URLs that get short-lived REST-API credentials."
    )
    turn_secret: str | None = Field(None, description="coturn's static-auth-secret.")
    turn_credential_seconds: int = Field(
        3600, ge=60, description="How long a call's TURN credentials stay valid (docs/turn.md)."
    )
    clerk_ice_transport_policy: IceTransportPolicy = Field(
        "all",
        description="'relay': the clerk app sends and receives media only through the TURN "
        "relay (clerks behind strict firewalls; visitors never learn a clerk's address).",
    )
    visitor_ice_transport_policy: IceTransportPolicy = Field(
        "all",
        description="'relay': the visitor's browser uses only the TURN relay (clerks never "
        "learn a visitor's address; costs relay bandwidth for every call).",
    )

    webhooks_allow_private_targets: bool = Field(
        False,
        description="Let webhook endpoints be loopback, private or link-local hosts, over http "
        "too (tests, closed networks). Off: https to public addresses only (no SSRF).",
    )
    webhooks_timeout_seconds: float = Field(
        10, gt=0, le=30, description="How long one webhook request may take before it fails."
    )

    recordings_master_key_file: Path | None = Field(
        None,
        description="File holding the recordings' master key (a Tink keyset, JSON), made with "
        "`videoclerk-server recordings make-master-key`. Or set VIDEOCLERK_RECORDINGS_MASTER_KEY "
        "to the key itself. Without either, recordings are refused.",
    )
    recordings_master_key: str | None = Field(
        None, description="The recordings' master key itself (prefer the key file)."
    )
    recording_max_bytes: int = Field(
        2 * 1024**3, ge=1, description="Largest recording an upload may declare (413 beyond)."
    )
    recording_chunk_max_bytes: int = Field(
        64 * 1024**2,
        ge=1024,
        description="Largest body one tus request may carry (the uploads' own body limit).",
    )
    recording_retention_max_days: int = Field(
        365, ge=1, description="Longest retention an organisation may choose for recordings."
    )
    recording_upload_expiry_hours: int = Field(
        24, ge=1, description="How long an unfinished upload is kept (tus Upload-Expires)."
    )
    retention_interval_seconds: float = Field(
        3600, gt=0, description="How often the retention job deletes what is due."
    )
    closed_account_erasure_days: int = Field(
        30,
        ge=0,
        le=59,
        description="Days after an account closes before the retention job erases its account "
        "data (users, keys, catalogue, calls, recordings, ...): time for a legal hold after a "
        "dispute. The privacy policy promises erasure within 60 days (P10), hence at most 59.",
    )
    billing_retention_years: int = Field(
        10,
        ge=1,
        le=30,
        description="Years a closed account's billing data (invoices) are kept for tax and "
        "bookkeeping law, counted from the closure.",
    )

    export_concurrency: int = Field(
        2,
        ge=1,
        description="Data exports (ZIPs of an organisation's data) one server process makes at "
        "once; more wait (429). One per organisation or user at a time.",
    )

    # What the operator states about processing (P6, P19; docs/privacy.md). Shown to admins
    # and in the record of processing (`videoclerk-server privacy record`).
    data_location: str | None = Field(
        None,
        max_length=300,
        description="Where this server and its data folder are, e.g. 'Amsterdam, the "
        "Netherlands (EEA)'. Unset: the admins are told it is not stated.",
    )
    privacy_contact: str | None = Field(
        None,
        max_length=300,
        description="Name and contact details of the operator as controller, for the record "
        "of processing activities.",
    )
    subprocessors: list[SubprocessorSetting] = Field(
        default_factory=list,
        description="Sub-processors this server's data reaches (mail relay, TURN relay, "
        "hosting), each with name, purpose and location. Nothing leaves the server unless "
        "configured: list what you configured.",
    )

    config_file: Path | None = Field(None, description="Optional TOML settings file.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _TomlFromInitOrEnv(settings_cls, init_settings))

    @field_validator("trusted_proxies")
    @classmethod
    def _ip_networks(cls, proxies: list[str]) -> list[str]:
        """Each entry an IP address or network: uvicorn would take a typo for a host name and
        silently trust nothing (or a '*' for everyone, which would let any client forge its IP).
        """
        for proxy in proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(
                    f"trusted_proxies: {proxy!r} is not an IP address or network"
                ) from None
        return proxies

    @field_validator("database_url")
    @classmethod
    def _database_scheme(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(_DATABASE_SCHEMES):
            raise ValueError("database_url starts with sqlite:///, postgresql:// or postgres://")
        return url

    @field_validator("test_clock_start")
    @classmethod
    def _aware(cls, moment: datetime | None) -> datetime | None:
        return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)

    @field_validator("public_url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is None:
            return None
        parts = urlsplit(url)
        if not _is_web_address(url) or parts.query:
            raise ValueError("public_url is an http(s)://host[:port][/path] address")
        return url.rstrip("/")

    @model_validator(mode="after")
    def _relay_needs_turn(self) -> Settings:
        """A relay-only end with no TURN server could never connect: refuse to start."""
        if self.turn_urls and self.turn_secret:
            return self
        if any(url.startswith(("turn:", "turns:")) for s in self.ice_servers for url in s.urls):
            return self
        for side in ("clerk", "visitor"):
            if getattr(self, f"{side}_ice_transport_policy") == "relay":
                raise ValueError(
                    f"{side}_ice_transport_policy = 'relay' needs a TURN server: set turn_urls "
                    "and turn_secret, or add a turn: URL to ice_servers (docs/turn.md)"
                )
        return self

    @field_validator("limits_url")
    @classmethod
    def _redis_url(cls, url: str | None) -> str | None:
        if url is not None and urlsplit(url).scheme not in ("redis", "rediss", "redis+unix"):
            raise ValueError("limits_url is a redis://, rediss:// or redis+unix:// address")
        return url

    @field_validator("app_download_url")
    @classmethod
    def _download_url(cls, url: str | None) -> str | None:
        if url is not None and not _is_web_address(url):
            raise ValueError("app_download_url is an http(s):// address")
        return url

    @property
    def base_url(self) -> str:
        """Where browsers reach this server, without a trailing slash.

        The configured `public_url`, else one made of the bind address, port and TLS. A
        wildcard bind address (0.0.0.0, ::) names no host, so `localhost` stands in for it:
        set `public_url` when serving other machines.
        """
        if self.public_url:
            return self.public_url
        scheme = "https" if self.tls_cert else "http"
        host = self.host
        if host in ("", "0.0.0.0", "::"):  # noqa: S104 - compared, not bound
            host = "localhost"
        elif ":" in host:  # an IPv6 address
            host = f"[{host}]"
        default_port = 443 if scheme == "https" else 80
        return f"{scheme}://{host}" + ("" if self.port == default_port else f":{self.port}")

    @property
    def database_path(self) -> Path:
        """The SQLite file (unused when `postgres_url` is set)."""
        if self.database_url and self.database_url.startswith(_SQLITE):
            return Path(self.database_url.removeprefix(_SQLITE))
        return self.data_dir / "videoclerk.db"

    @property
    def database_label(self) -> str:
        """The database for messages: the SQLite file, or PostgreSQL's host and database
        (never the password)."""
        if self.postgres_url:
            parts = urlsplit(self.postgres_url)
            return f"PostgreSQL database {parts.path.lstrip('/')} on {parts.hostname}"
        return str(self.database_path)

    @property
    def postgres_url(self) -> str | None:
        """The PostgreSQL server and database, when `database_url` names one."""
        if self.database_url and not self.database_url.startswith(_SQLITE):
            return self.database_url
        return None

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def recordings_dir(self) -> Path:
        """Encrypted recordings, one folder per recording (docs/recordings.md)."""
        return self.data_dir / "recordings"

    @property
    def mail_links_keyset_path(self) -> Path:
        """The MAC keyset that signs the unsubscribe links in marketing mail (P13)."""
        return self.data_dir / "mail-links-keyset.json"

    @property
    def secrets_keyset_path(self) -> Path:
        """The AEAD keyset that encrypts secrets kept in the database (webhook signing keys)."""
        return self.data_dir / "secrets-keyset.json"


_SQLITE = "sqlite:///"
_DATABASE_SCHEMES = (_SQLITE, "postgresql://", "postgres://")


def _is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class _TomlFromInitOrEnv(PydanticBaseSettingsSource):
    """Reads the TOML file named by `config_file` (flag or VIDEOCLERK_CONFIG_FILE), if any."""

    def __init__(self, settings_cls: type[BaseSettings], init: PydanticBaseSettingsSource) -> None:
        super().__init__(settings_cls)
        self._init = init

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        import os

        path = self._init().get("config_file") or os.environ.get("VIDEOCLERK_CONFIG_FILE")
        if not path:
            return {}
        return TomlConfigSettingsSource(self.settings_cls, toml_file=Path(path))()
