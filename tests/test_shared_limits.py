"""Limits hold across server processes (docs/scale-out.md): their counters live in a shared
store, not in a process's memory: the log-in throttles in the database, the visitors' socket
limits in Redis (the machine's, or $VIDEOCLERK_TEST_REDIS_URL)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import coredis
import httpx
import pytest

from server.rate_windows import LocalWindow
from server.rate_windows.redis_counts import SharedCounts, address_key
from tests.accounts_helpers import STRONG_PASSWORD, new_org, problem
from tests.live_server import LiveServer, free_port, live_server, two_servers
from tests.local_services import start_service, stop_service, until
from tests.queue_helpers import call_centre
from tests.ws_clients import ScriptedVisitor

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


# ---- the visitors' socket limits in Redis (limits_url, server/rate_windows) -----------------

REDIS_URL = os.environ.get("VIDEOCLERK_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _limits_env(url: str, prefix: str, *, connections: int, joins: int = 10) -> dict[str, str]:
    """A key prefix of the test's own (parallel runs share the machine's Redis), and a wait
    for Redis long enough that a busy machine never falls back to counting in memory."""
    return {
        "VIDEOCLERK_LIMITS_URL": url,
        "VIDEOCLERK_LIMITS_KEY_PREFIX": prefix,
        "VIDEOCLERK_LIMITS_TIMEOUT_SECONDS": "30",
        "VIDEOCLERK_VISITOR_CONNECTIONS_PER_MINUTE": str(connections),
        "VIDEOCLERK_VISITOR_JOINS_PER_MINUTE": str(joins),
    }


async def _answers(visitors: list[ScriptedVisitor]) -> list[str]:
    """How each visitor's greeting was answered: `welcome`, or the error's code."""
    answers = []
    for visitor in visitors:
        answer = await visitor.connect()
        answers.append(answer.code if answer.type == "error" else answer.type)
    return answers


async def _close(visitors: list[ScriptedVisitor]) -> None:
    for visitor in visitors:
        await visitor.close()


@pytest.fixture
def shared_pair(tmp_path: Path) -> Iterator[tuple[LiveServer, LiveServer, str]]:
    """Two server processes on one data folder counting visitors' limits in the machine's
    Redis, under a key prefix of their own; the keys are removed afterwards."""
    prefix = f"test-{secrets.token_hex(6)}"
    with two_servers(tmp_path, env=_limits_env(REDIS_URL, prefix, connections=4, joins=2)) as (
        first,
        second,
    ):
        yield first, second, prefix
    asyncio.run(_delete_keys(prefix))


async def _keys(prefix: str) -> dict[str, list[str]]:
    """Every key under `prefix`, with what it holds."""
    redis = coredis.Redis.from_url(REDIS_URL, decode_responses=True)
    return {
        key: [str(entry) for entry in await redis.lrange(key, 0, -1)]
        async for key in redis.scan_iter(match=f"{prefix}:*")
    }


async def _delete_keys(prefix: str) -> None:
    if keys := list(await _keys(prefix)):
        await coredis.Redis.from_url(REDIS_URL).delete(keys)


async def test_one_address_s_visitor_sockets_count_once_across_processes(
    shared_pair: tuple[LiveServer, LiveServer, str],
) -> None:
    """A balancer spreading one address's sockets and joins over two processes lets through
    what one process allows, no more. P1: Redis holds a keyed hash of the address (not a
    plain hash, which anyone could reverse by hashing every IPv4 address) and the events'
    times, and its keys expire by themselves."""
    first, second, prefix = shared_pair
    with httpx.Client(base_url=first.url, timeout=30) as http:
        centre = call_centre(http)
    visitors = [
        ScriptedVisitor(server.ws_url, centre.widget_key)
        for server in (first, second, first, second, first, second)
    ]
    try:
        assert await _answers(visitors) == ["welcome"] * 4 + ["rate_limited"] * 2
        joined = [(await v.join(centre.queue_ids[0])) for v in visitors[:3]]
        assert [j.type for j in joined] == ["queued", "queued", "error"]
        assert joined[2].code == "rate_limited"
    finally:
        await _close(visitors)

    keys = await _keys(prefix)
    assert sorted(key.split("/")[1] for key in keys) == ["visitor-connections", "visitor-joins"]
    plain = hashlib.sha256(b"127.0.0.1").hexdigest()
    for key, entries in keys.items():
        hashed = key.split("/")[2]
        assert len(hashed) == 64 and hashed != plain
        assert "127.0.0.1" not in key and not any("127.0.0.1" in e for e in entries)
        assert all(float(entry) > 0 for entry in entries)  # the events' times only
    redis = coredis.Redis.from_url(REDIS_URL)
    assert all(0 < ttl <= 60 for ttl in [await redis.ttl(key) for key in keys])


async def test_a_window_counts_in_memory_while_redis_does_not_answer() -> None:
    """In-process: a Redis out of reach never lets an address through unlimited; its
    window counts in this process's memory instead."""
    counts = SharedCounts(
        f"redis://127.0.0.1:{free_port()}/0", prefix="test", secret=b"secret", timeout=5
    )
    window = counts.window("w", 2, 60, fallback=LocalWindow(2, 60))
    assert [await window.allow("192.0.2.1") for _ in range(3)] == [True, True, False]
    assert await window.allow("192.0.2.2")
    assert not await counts.check()


def test_an_address_key_is_keyed_and_the_same_in_every_process() -> None:
    assert address_key(b"one", "192.0.2.1") == address_key(b"one", "192.0.2.1")
    assert address_key(b"one", "192.0.2.1") != address_key(b"two", "192.0.2.1")
    assert address_key(b"one", "192.0.2.1") != address_key(b"one", "192.0.2.2")


def test_a_server_whose_redis_is_out_of_reach_starts_and_stays_ready(tmp_path: Path) -> None:
    """Unlike the bus, a missing limits store does not stop the server: it serves, counting
    in memory, says so in its log and in /health, and stays ready for the balancer (every
    process shares the Redis: calling them all unready would stop the service)."""
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    with live_server(tmp_path, env=_limits_env(nowhere, "test", connections=3)) as server:
        assert httpx.get(f"{server.url}/ready").status_code == 204
        health = httpx.get(f"{server.url}/health").json()
        assert (health["status"], health["limits"]) == ("degraded", "this_process")
        assert "counted in this process only" in server.log()


async def test_a_process_cut_off_from_redis_counts_in_memory_until_redis_is_back(
    tmp_path: Path,
) -> None:
    """Redis stops answering: /health says the limits count in this process, which still
    limits each address (in its own memory, never unlimited); once Redis is back, /health is
    ok again and the process counts in Redis again (an empty one: the address gets in again, which
    the full window in memory would have refused)."""
    port = free_port()
    redis = _start_redis(port)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        with live_server(tmp_path, env=_limits_env(url, "test", connections=3)) as server:
            health = f"{server.url}/health"
            assert httpx.get(health).json()["limits"] == "ok"
            with httpx.Client(base_url=server.url, timeout=30) as http:
                centre = call_centre(http)
            stop_service(redis)
            until(lambda: httpx.get(health).json()["limits"] == "this_process", "no fallback")
            assert httpx.get(f"{server.url}/ready").status_code == 204
            visitors = [ScriptedVisitor(server.ws_url, centre.widget_key) for _ in range(5)]
            try:
                assert await _answers(visitors[:4]) == ["welcome"] * 3 + ["rate_limited"]
                assert "counted in this process only" in server.log()
                redis = _start_redis(port)
                until(lambda: httpx.get(health).json()["limits"] == "ok", "Redis not used again")
                assert await _answers(visitors[4:]) == ["welcome"]
            finally:
                await _close(visitors)
    finally:
        stop_service(redis)


def _start_redis(port: int) -> subprocess.Popen[bytes]:
    """Debian's redis-server on a loopback port of the test's own, keeping nothing on disk."""
    args = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
    return start_service([*args, "--appendonly", "no"], port)
