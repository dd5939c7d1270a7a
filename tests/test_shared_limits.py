"""Limits hold across server processes on one database (docs/scale-out.md): their counters
live in the shared store, not in a process's memory."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.accounts_helpers import STRONG_PASSWORD, new_org, problem
from tests.live_server import two_servers

LOGIN = "/api/v1/auth/login"
WRONG = "not the password at all 42"


def test_a_lockout_earned_on_one_process_holds_on_another(tmp_path: Path) -> None:
    """P17: wrong passwords sent to one process lock the account for that address on every
    process: a balancer spreading the attempts over several does not multiply the tries."""
    env = {
        "VIDEOCLERK_LOGIN_LOCK_AFTER": "3",
        "VIDEOCLERK_LOGIN_SLOW_SECONDS": "0",
        "VIDEOCLERK_LOGIN_IP_LOCK_AFTER": "1000",
    }
    with (
        two_servers(tmp_path, env=env) as (first, second),
        httpx.Client(base_url=first.url, timeout=30) as one,
        httpx.Client(base_url=second.url, timeout=30) as other,
    ):
        org = new_org(one)
        answers = [
            one.post(LOGIN, json={"email": org.admin_email, "password": WRONG}).status_code
            for _ in range(3)
        ]
        assert answers == [401, 401, 429]  # the third failure locks
        right = other.post(LOGIN, json={"email": org.admin_email, "password": STRONG_PASSWORD})
        assert problem(right, 429)["code"] == "login_locked"
