"""ICE servers for a call: static STUN/TURN from the settings, plus short-lived TURN credentials.

With a shared secret, credentials follow coturn's REST API: the username is
`<expiry unix time>:<call id>` and the password is base64(HMAC-SHA1(secret, username)).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from server.config import Settings
from videoclerk_protocol.messages import IceServer


def ice_servers_for(
    settings: Settings, *, call_id: str, now: float | None = None
) -> list[IceServer]:
    servers = [IceServer(**s.model_dump()) for s in settings.ice_servers]
    if settings.turn_urls and settings.turn_secret:
        expires = int((now or time.time()) + settings.turn_credential_seconds)
        username = f"{expires}:{call_id}"
        digest = hmac.new(settings.turn_secret.encode(), username.encode(), hashlib.sha1).digest()
        servers.append(
            IceServer(
                urls=list(settings.turn_urls),
                username=username,
                credential=base64.b64encode(digest).decode(),
            )
        )
    return servers
