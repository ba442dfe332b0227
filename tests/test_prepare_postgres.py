"""A pending PostgreSQL file is split by PostgreSQL's own parse where it provably reads the same
statements as sqlparse (``linter.postgres.fastsplit``): the same statements as sqlparse's split,
no split check, and the parse handed to the lint. Anything it cannot prove (a backslash in a
string, a file over the size limit) is split and checked by sqlparse as before."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import ratchet.prepare as prepare
import ratchet.split as split
import ratchet.splitcheck as splitcheck
from ratchet.errors import MigrationFileError
from ratchet.linter import lint_prepared
from ratchet.load import load_migrations
from ratchet.prepare import PreparedFile, prepare_files

CLEAN = (
    '-- guard: allow drop-table reason="the old log goes"\n'
    "CREATE TABLE shelf (id INTEGER PRIMARY KEY, label TEXT NOT NULL DEFAULT 'a;b');\n\n"
    "  INSERT INTO shelf (id, label) VALUES (1, 'it''s');\n"
    "DROP TABLE old_log; -- gone\n"
    "CREATE FUNCTION one() RETURNS integer LANGUAGE sql AS $$ SELECT 1; $$;\n"
)


def described(statements: Any) -> list[tuple[object, ...]]:
    return [(s.number, s.line, s.column, s.sql, s.offset, s.first_words(2)) for s in statements]


def prepared_of(tmp_path: Path, texts: dict[str, str], dialect: str = "postgresql") -> list[PreparedFile]:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = load_migrations(tmp_path)
    return prepare_files(loaded.files, loaded.guards, dialect)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each call of sqlparse's split and of the split check."""
    calls: list[str] = []
    split_data, split_problems = split.split_data, splitcheck.split_problems

    def counted_split(*args: Any, **kwargs: Any) -> Any:
        calls.append("split")
        return split_data(*args, **kwargs)

    def counted_check(*args: Any, **kwargs: Any) -> Any:
        calls.append("check")
        return split_problems(*args, **kwargs)

    monkeypatch.setattr(split, "split_data", counted_split)
    monkeypatch.setattr(splitcheck, "split_problems", counted_check)
    return calls


def test_a_clean_file_is_split_by_postgresql_as_sqlparse_splits_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = split.split_data(CLEAN.encode())
    calls = counting(monkeypatch)
    [item] = prepared_of(tmp_path, {"1.0.0__a.sql": CLEAN})
    assert calls == []
    assert item.parsed is not None and len(item.parsed.parsed) == 4
    assert described(item.statements) == described(reference)


def test_on_another_database_the_file_is_split_by_sqlparse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    without_function = CLEAN.split("CREATE FUNCTION")[0]
    [item] = prepared_of(tmp_path, {"1.0.0__a.sql": without_function}, dialect="sqlite")
    assert calls == ["split", "check"] and item.parsed is None


def test_a_backslash_in_a_string_is_still_checked_and_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    with pytest.raises(MigrationFileError, match=r"\[split-ambiguity\]"):
        prepared_of(tmp_path, {"1.0.0__a.sql": "INSERT INTO t VALUES ('a\\'); SELECT 1; --');\n"})
    assert calls == ["split", "check"]


def test_a_file_over_the_limit_is_split_by_sqlparse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepare, "_PARSED_SPLIT_MAX_BYTES", len(CLEAN) - 1)
    calls = counting(monkeypatch)
    [item] = prepared_of(tmp_path, {"1.0.0__a.sql": CLEAN})
    assert calls == ["split", "check"] and item.parsed is None


def test_parses_are_kept_for_the_lint_up_to_a_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepare, "_KEPT_PARSES_BYTES", len(CLEAN.encode()) * 2)
    calls = counting(monkeypatch)
    items = prepared_of(tmp_path, {f"1.{n}.0__f{n}.sql": CLEAN for n in range(3)})
    assert calls == []
    assert [item.parsed is not None for item in items] == [True, True, False]
    assert described(items[2].statements) == described(items[0].statements)


def test_the_lint_uses_the_kept_parse_and_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = prepared_of(tmp_path, {"1.0.0__a.sql": CLEAN, "1.1.0__b.sql": "DROP TABLE shelf;\n"})
    loaded = load_migrations(tmp_path)

    def findings(prepared: list[PreparedFile]) -> list[tuple[object, ...]]:
        report = lint_prepared(prepared, loaded.files, dialect="postgresql", lint_since=None, postgres_version=15)
        return [(f.path.name, f.line, f.column, f.rule) for f in report.findings]

    calls = counting(monkeypatch)
    kept = findings(items)
    assert calls == []  # the kept parse is PostgreSQL's reading: no split check in the lint
    again = findings([replace(item, parsed=None) for item in items])
    assert calls == ["check", "check"]
    assert kept == again and ("1.1.0__b.sql", 1, 1, "drop-table") in kept
