"""Server logging that never writes a client's IP address (P1).

uvicorn logs each WebSocket handshake with the client's address at INFO level, even with
its access log off; these filters drop those lines and scrub addresses from anything else.
"""

from __future__ import annotations

import logging
import re
from typing import Any

_ADDRESS = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b"  # IPv4, with a port
    r"|\[?\b(?:[0-9a-fA-F]{1,4}:){3,7}[0-9a-fA-F]{1,4}\b\]?"  # IPv6, full
    # IPv6 shortened with ::
    r"|\[?(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?::"
    r"(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?\]?"
)


class NoClientAddresses(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith('%s - "WebSocket'):
            return False
        message = record.getMessage()
        scrubbed = _ADDRESS.sub("[address]", message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with the address filter on every handler."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"no_addresses": {"()": NoClientAddresses}},
        "formatters": {
            "default": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["no_addresses"],
                "stream": "ext://sys.stderr",
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "server": {"handlers": ["default"], "level": "INFO", "propagate": False},
            # The jobs' own loggers (retention, mail, …): their INFO lines are for operators.
            "videoclerk": {"handlers": ["default"], "level": "INFO", "propagate": False},
        },
    }
