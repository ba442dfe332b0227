"""Which ``ADD COLUMN ... DEFAULT`` the lint calls ``sqlite-add-column-restriction`` is what SQLite
itself refuses on a table that holds a row (it takes only a default it can fold to a value)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ratchet.linter import lint_paths

DEFAULTS = [
    "0",
    "-1",
    "(+1)",
    "(('en'))",
    "X'00'",
    "(X'00')",
    "(x'')",
    "(X'00' || X'01')",
    "(-(1))",
    '"active"',
    "(NULL)",
    "(false)",
    "0x10",
    "(CAST(0 AS INTEGER))",
    "(CAST((1) AS INT))",
    "(CAST(-1 AS TEXT))",
    "(CAST(CAST(1 AS TEXT) AS INT))",
    "(-CAST(1 AS INT))",
    "(CAST('1' AS VARCHAR(10)))",
    "CURRENT_TIMESTAMP",
    "(CURRENT_DATE)",
    "('a' || 'b')",
    "(1 + 1)",
    "(strftime('%s', 'now'))",
    "(CAST(1 + 1 AS INT))",
    "(CAST(abs(1) AS INT))",
    "(CAST(1 AS INT) + 1)",
    "('x' COLLATE NOCASE)",
]


def sqlite_refuses(default: str) -> bool:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    connection.execute("INSERT INTO users VALUES (1)")
    try:
        connection.execute(f"ALTER TABLE users ADD COLUMN c TEXT DEFAULT {default}")
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()
    return False


@pytest.mark.parametrize("default", DEFAULTS)
def test_the_lint_refuses_the_defaults_sqlite_refuses(tmp_path: Path, default: str) -> None:
    (tmp_path / "1.0.0__users.sql").write_text("CREATE TABLE users (id INTEGER PRIMARY KEY);\n", encoding="utf-8")
    (tmp_path / "1.1.0__add.sql").write_text(
        f"ALTER TABLE users ADD COLUMN c TEXT DEFAULT {default};\n", encoding="utf-8"
    )
    findings = [(f.rule, f.line, f.column) for f in lint_paths([tmp_path], dialect="sqlite").findings]
    expected = [("sqlite-add-column-restriction", 1, 19)] if sqlite_refuses(default) else []
    assert findings == expected
