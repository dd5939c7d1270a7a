"""Where the server is, and how to reach it over HTTP(S) and WS(S)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class ServerAddress:
    base_url: str
    ca_file: Path | None = None  # a private CA for the server's certificate; system CAs otherwise
    # An HTTP proxy for every request, the WebSocket and the uploads. None: the WebSocket goes
    # direct, HTTP requests follow the environment (HTTPS_PROXY), as before proxies were set.
    proxy: str | None = None

    @classmethod
    def parse(
        cls, text: str, *, ca_file: Path | None = None, proxy: str | None = None
    ) -> ServerAddress:
        url = text.strip().rstrip("/")
        if "://" not in url:
            url = f"https://{url}"
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"'{text}' is not a server address like https://video.example.com")
        return cls(base_url=f"{parts.scheme}://{parts.netloc}", ca_file=ca_file, proxy=proxy)

    @property
    def websocket_url(self) -> str:
        scheme = "wss" if self.base_url.startswith("https://") else "ws"
        return f"{scheme}://{self.base_url.split('://', 1)[1]}"

    def ssl_context(self) -> ssl.SSLContext | None:
        """Certificates are always verified; a problem surfaces as an error, never ignored."""
        if not self.base_url.startswith("https://"):
            return None
        return ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)
