"""The privacy page maps every promise to code and tests that exist (docs/privacy.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "privacy.md"
PENDING = "(names fixed at merge)"
TEST_NAME = re.compile(r"tests/(test_\w+\.py)(?:::(\w+))?")


def _functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_every_promise_has_a_row_in_the_map() -> None:
    """P1-P19: each id has its row in the map, naming at least one test."""
    rows = {
        match.group(1): line
        for line in PAGE.read_text(encoding="utf-8").splitlines()
        if (match := re.match(r"\| (P\d+) \|", line))
    }
    assert sorted(rows, key=lambda p: int(p[1:])) == [f"P{n}" for n in range(1, 20)]
    for promise, line in rows.items():
        assert TEST_NAME.search(line), f"{promise} names no test"


def test_every_test_named_on_the_page_exists() -> None:
    """Each test file (and test function, where named) exists. Names of work that lands
    separately carry the marker "(names fixed at merge)" in their part of the line (between
    `|` and `;`) until the lead names them."""
    missing: list[str] = []
    for part in re.split(r"[|;\n]", PAGE.read_text(encoding="utf-8")):
        if PENDING in part:
            continue
        for match in TEST_NAME.finditer(part):
            path = ROOT / "tests" / match.group(1)
            named = match.group(2)
            if not path.exists() or (named and named not in _functions(path)):
                missing.append(match.group(0))
    assert missing == []
