"""Stores return typed records (server/sql.py): a dataclass read from the columns named like
its fields, on either engine, with the engines' storage (INTEGER 0/1, JSON text) undone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass

import pytest

from server.config import Settings
from server.database import connect_configured
from server.sql import Database, as_record, columns, one_record, records
from tests.live_server import on_postgres, postgres_database


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    pinned: bool
    tags: tuple[str, ...]
    extra: dict[str, int] | None
    seen_by: list[str] | None
    size: int


@pytest.fixture
def db(tmp_path: object) -> Iterator[Database]:
    url = postgres_database() if on_postgres() else f"sqlite:///{tmp_path}/notes.db"
    with closing(connect_configured(Settings(database_url=url))) as database:
        database.execute(
            "CREATE TABLE notes (id TEXT PRIMARY KEY, pinned INTEGER, tags TEXT, extra TEXT, "
            "seen_by TEXT, size INTEGER, later TEXT)"
        )
        yield database


def test_a_record_reads_the_columns_of_its_fields(db: Database) -> None:
    db.execute(
        "INSERT INTO notes VALUES ('n1', 1, '[\"a\", \"b\"]', '{\"x\": 2}', NULL, 7, 'not read')"
    )
    db.execute("INSERT INTO notes VALUES ('n2', 0, '[]', NULL, '[\"u1\"]', 0, NULL)")
    assert columns(Note) == "id, pinned, tags, extra, seen_by, size"
    assert columns(Note, table="n") == "n.id, n.pinned, n.tags, n.extra, n.seen_by, n.size"
    first = one_record(db, Note, "FROM notes WHERE id = ?", ["n1"])
    assert first == Note(
        id="n1", pinned=True, tags=("a", "b"), extra={"x": 2}, seen_by=None, size=7
    )
    assert isinstance(first.pinned, bool)
    assert one_record(db, Note, "FROM notes WHERE id = ?", ["none"]) is None
    assert records(db, Note, "FROM notes n ORDER BY n.id", table="n")[1] == Note(
        id="n2", pinned=False, tags=(), extra=None, seen_by=["u1"], size=0
    )


def test_a_missing_column_is_an_error_not_a_default() -> None:
    with pytest.raises(KeyError, match="size"):
        as_record(Note, {"id": "n", "pinned": 0, "tags": "[]", "extra": None, "seen_by": None})
