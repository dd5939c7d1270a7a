"""Pure decisions about backups: where a copy goes, whether a copy may be restored, and
what of a SQLite database is copied to PostgreSQL, in which order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from graphlib import TopologicalSorter
from pathlib import Path

MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' record of applied migrations


def target_path(destination: Path, *, now: datetime, is_folder: bool) -> Path:
    """`destination` itself, or a dated file in it when it is a folder (nightly jobs)."""
    if is_folder:
        return destination / f"videoclerk-{now.strftime('%Y%m%d-%H%M%S')}.db"
    return destination


def restore_problem(
    integrity: Sequence[str], applied: Sequence[str], known: Sequence[str]
) -> str | None:
    """Why a copy must not be restored, or None when it may.

    `integrity` is what `PRAGMA integrity_check` said ("ok" alone when sound); `applied` the
    migrations the copy has, `known` those this server knows. An older copy may be restored:
    the server upgrades it on start, as it would have upgraded the original.
    """
    if list(integrity) != ["ok"]:
        return "it is damaged (SQLite's integrity check: " + "; ".join(integrity[:3]) + ")"
    if not applied:
        return "it is not a videoclerk database (it has no schema version)"
    unknown = [name for name in applied if name not in set(known)]
    if unknown:
        return (
            f"it was written by a newer videoclerk server (unknown migrations: "
            f"{', '.join(unknown)}); restore it with that version or newer"
        )
    return None


def migration_problem(applied: Sequence[str], known: Sequence[str]) -> str | None:
    """Why a SQLite database (already found sound and not newer) cannot be copied to
    PostgreSQL: an older schema would be copied into the code's newer one, which the
    migrations of the missing steps would have changed."""
    missing = [name for name in known if name not in set(applied)]
    if missing:
        return (
            f"its schema is older than this server's (missing migrations: {', '.join(missing)}); "
            "start the server on it once, or run `videoclerk-server migrate`, then try again"
        )
    return None


def copied_tables(tables: Mapping[str, str]) -> list[str]:
    """Of a SQLite database's tables (name: its CREATE statement), those whose rows are
    copied to PostgreSQL: not SQLite's own (`sqlite_*`), not the migrations' record
    (PostgreSQL's migrations write their own), not full-text tables and their shadow
    tables (PostgreSQL's trigger fills its search index from the rows)."""
    virtual = [name for name, sql in tables.items() if sql.upper().startswith("CREATE VIRTUAL")]
    return sorted(
        name
        for name in tables
        if not name.startswith(("sqlite_", MIGRATIONS_TABLE))
        and not any(name == v or name.startswith(f"{v}_") for v in virtual)
    )


def schema_problem(
    found: Mapping[str, Sequence[str]], expected: Mapping[str, Sequence[str]]
) -> str | None:
    """Why tables of `found` (name: columns) cannot be copied into the code's schema
    `expected`: a table the code does not know would be dropped silently, and a missing
    table or a column set that differs means a schema someone changed by hand."""
    unknown = sorted(set(found) - set(expected))
    if unknown:
        return (
            f"it has tables this server does not know ({', '.join(unknown)}); they would be "
            "lost. Remove them, or ask for help, before moving"
        )
    missing = sorted(set(expected) - set(found))
    changed = sorted(name for name in found if set(found[name]) != set(expected[name]))
    if missing or changed:
        return (
            "its tables differ from this server's schema ("
            + ", ".join([*(f"{name} missing" for name in missing), *changed])
            + ")"
        )
    return None


def copy_order(references: Mapping[str, Iterable[str]]) -> list[str]:
    """The tables in an order that inserts every referenced row before the rows that refer
    to it (`references`: each table and the tables its foreign keys name). A table's
    references to itself are left out; the copy keeps the rows' order. `graphlib.CycleError`
    for tables that refer to each other in a ring."""
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for table in sorted(references):
        sorter.add(table, *sorted(set(references[table]) - {table}))
    return [table for table in sorter.static_order() if table in references]
