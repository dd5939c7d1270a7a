"""What an operator types: `videoclerk-server org create` and its flags."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "server.cli"]


def organisation_flags(name: str, admin_email: str, **overrides: str) -> list[str]:
    """The flags of `org create` for a Dutch company; `overrides` by flag name (vat_number=…)."""
    values = {
        "name": name,
        "organisation_number": "87654321",
        "vat_number": "NL000099998B57",
        "street": "Keizersgracht 1",
        "postal_code": "1015 CJ",
        "city": "Amsterdam",
        "country": "nl",
        "admin_name": "Ada Admin",
        "admin_email": admin_email,
        "admin_age": "40",
        **overrides,
    }
    return [part for key, value in values.items() for part in (f"--{key.replace('_', '-')}", value)]


def create_organisation(
    data_dir: Path, *flags: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`org create` as the operator runs it: with the server's settings (`env`)."""
    return subprocess.run(
        [*CLI, "org", "create", "--data-dir", str(data_dir), *flags],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
