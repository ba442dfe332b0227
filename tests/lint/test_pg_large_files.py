"""Large PostgreSQL files are parsed one statement at a time: memory stays near the file's size,
and the findings are those of the whole-file parse."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_pg_fastsplit_differential import corpus_directories

from conftest import RATCHET, Db, Project
from ratchet.linter import lint_paths
from ratchet.linter.postgres import parse as pg_parse

MIB = 1 << 20

# Peak resident memory (KiB) of one command, measured in a fresh process whose only child it is.
_PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
    "assert done.returncode == 0, done.stderr\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_kib(project: Project, *args: str) -> int:
    """The peak resident set of ``ratchet ARGS`` run as a real process in the project."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATCHET_") and k != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, RATCHET, *args],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def seed_file(size: int) -> str:
    """A data file of about ``size`` characters: one table, then one INSERT line per row."""
    lines = ["CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL, note text, price numeric(10, 2));"]
    total, row = len(lines[0]), 0
    while total < size:
        row += 1
        line = (
            f"INSERT INTO item (id, name, note, price) VALUES ({row}, 'item {row} of the catalogue', "
            f"'a note about item {row}, with some words in it', {row % 997}.{row % 100:02d});"
        )
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def measure(project: Project, run: Callable[[], int], reset: Callable[[], None]) -> float:
    """Peak memory growth (MiB) from a small seed file to a 5 MiB one, with ``reset`` between the runs."""
    project.write("1.0.0__seed.sql", seed_file(20_000))
    small = run()
    reset()
    project.write("1.0.0__seed.sql", seed_file(5 * MIB))
    return (run() - small) / 1024


def test_lint_of_a_large_data_file_takes_a_few_times_its_size(project: Project) -> None:
    grown = measure(project, lambda: peak_kib(project, "lint", "--dialect", "postgresql"), lambda: None)
    assert grown < 8 * 5, f"lint of a 5 MiB file grew its peak memory by {grown:.0f} MiB"


def test_migrate_of_a_large_data_file_takes_a_few_times_its_size(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    databases = [make_db("postgresql"), make_db("postgresql")]

    def run() -> int:
        return peak_kib(project, "migrate", "-q", "--database", databases[0].url)

    def next_database() -> None:
        databases.pop(0)

    grown = measure(project, run, next_database)
    assert grown < 8 * 5, f"migrate of a 5 MiB file grew its peak memory by {grown:.0f} MiB"


# Files whose statements the whole-file parse and the statement-at-a-time parse could place or
# split differently: a missing ';', a BEGIN that sqlparse keeps with what follows, COPY FROM stdin
# (with and without data lines), readings where sqlparse and PostgreSQL split differently, a rebuild
# whose copy is an INSERT ... SELECT among VALUES rows, bodies the parser alone delimits, non-ASCII.
AWKWARD = {
    "1.0.0__base.sql": "CREATE TABLE account (id int PRIMARY KEY, email text, nick text);\n"
    "CREATE TABLE ledger (id int, amount numeric(10, 2) NOT NULL, memo text);\n",
    "1.1.0__missing_semicolon.sql": "ALTER TABLE account ADD COLUMN a1 text\nALTER TABLE account ADD COLUMN a2 text;\n"
    "ALTER TABLE account DROP COLUMN nick;\nSELEC 1;\n",
    "1.2.0__begin_block.sql": "BEGIN;\nALTER TABLE ledger ALTER COLUMN memo TYPE varchar(20);\n"
    "DROP TABLE IF EXISTS gone;\nCOMMIT;\n",
    "1.3.0__copy_no_data.sql": "COPY ledger (id, amount) FROM stdin;\nDROP TABLE ledger;\n",
    "1.4.0__copy_with_data.sql": "CREATE TABLE note (n int);\nCOPY note (n) FROM stdin;\n1\n2\n\\.\nDROP TABLE note;\n",
    "1.5.0__nested_comment.sql": "/* a /* b */ ; */ ALTER TABLE account DROP COLUMN email;\nSELECT 2;\n",
    "1.6.0__backslash.sql": "SELECT 'a\\'; DROP TABLE account; SELECT 'b';\nUPDATE account SET email = NULL;\n",
    "1.7.0__rule.sql": "CREATE RULE r AS ON UPDATE TO account DO ALSO "
    "(UPDATE account SET nick = CASE WHEN true THEN 'x' END; NOTIFY b);\nDELETE FROM account;\n",
    "1.8.0__rebuild.sql": "CREATE TABLE ledger_new (id int, amount numeric(12, 2) NOT NULL, memo text);\n"
    "INSERT INTO ledger_new (id, amount) VALUES (1, 2.50);\n"
    "INSERT INTO ledger_new (id, amount) SELECT id, amount FROM ledger WHERE amount > 0;\n"
    "DROP TABLE ledger;\nALTER TABLE ledger_new RENAME TO ledger;\n",
    "1.9.0__atomic.sql": "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"
    "DO $$ BEGIN DROP TABLE account; END $$;\nSELECT f();\n",
    "1.10.0__unicode.sql": "COMMENT ON TABLE account IS 'caf\u00e9 \u20ac';  "
    'ALTER TABLE account DROP COLUMN "n\u00efck";\n'
    "ALTER TABLE ledger RENAME COLUMN memo TO m\u00e9mo;\n",
    "1.11.0__dotless.sql": "SELECT 1 AS beg\u0131n, 2; DROP TABLE ledger; SELECT 3;\n",
    "1.12.0__lines.sql": "CREATE RULE q AS ON INSERT TO account DO ALSO (\n  NOTIFY a;\n  DELETE FROM ledger;\n);\n"
    "CREATE FUNCTION g() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    "DO $$\nBEGIN\n  DROP TABLE ledger;\nEND\n$$;\nCOMMENT ON TABLE account IS 'a;\nb';\n"
    "/* c;\n /* d;\n */ e;\n */ TRUNCATE account;\n",
}


def test_findings_are_the_same_parsed_one_statement_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directories = corpus_directories(tmp_path)
    (tmp_path / "awkward").mkdir()
    for name, sql in AWKWARD.items():
        (tmp_path / "awkward" / name).write_text(sql, encoding="utf-8")
    directories.append(tmp_path / "awkward")
    whole = [lint_paths([d], dialect="postgresql").findings for d in directories]
    monkeypatch.setattr(pg_parse, "WHOLE_PARSE_MAX_CHARS", 0)
    monkeypatch.setattr(pg_parse, "_CHUNK_CHARS", 1)  # a chunk at every ';' that ends a line
    one_by_one = [lint_paths([d], dialect="postgresql").findings for d in directories]
    assert whole == one_by_one
    rules = {f.rule for f in whole[-1]}
    assert {"syntax-error", "split-ambiguity", "drop-table", "rebuild-filters-rows"} <= rules, rules
    assert sum(map(len, whole)) > 50


@pytest.mark.parametrize(
    "text",
    [
        "CREATE TABLE t (a int);\nCREATE RULE r AS ON UPDATE TO t DO ALSO (\n  NOTIFY a;\n  NOTIFY b;\n);\nSELECT 1;\n",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\nSELECT f();\n",
        "DO $$\nBEGIN\n  PERFORM 1;\n  PERFORM 2;\nEND\n$$;\nSELECT 1;\n",
        "SELECT 'a;\nb;\nc';\nSELECT E'x\\';\ny';\nSELECT \"q;\nr\" FROM t;\n",
        "/* c;\n d;\n */ SELECT 1;\n/* x /* y;\n */ z;\n */ SELECT 2 ;  \n-- tail;\n",
        "\n\n;; SELECT 1 ;\n -- a;\nSELECT 'caf\u00e9';\nSELECT 2",
    ],
)
def test_statement_extents_in_chunks_are_where_the_whole_parse_places_statements(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed, offsets = pg_parse.parse(text)
    whole = [
        (p.offset, len(text) if p.length is None else offsets.char(offsets.byte(p.offset) + p.length)) for p in parsed
    ]
    monkeypatch.setattr(pg_parse, "_CHUNK_CHARS", 1)
    assert pg_parse.statement_extents(text) == whole
    placed = [(item.kind, item.offset, end) for item, end, _ in pg_parse.parse_each(text, whole)]
    assert placed == [(p.kind, start, end) for p, (start, end) in zip(parsed, whole, strict=True)]


@pytest.mark.parametrize(
    "text",
    [
        "SELECT 1;\nSELEC 2;\nSELECT 3;\n",  # a real error past a chunk's end: not read as a cut
        "SELECT 1;\nSELECT 'open;\n",  # a string the file never closes
        "SELECT 1;\nCREATE RULE r AS ON UPDATE TO t DO ALSO (NOTIFY a;\n",  # a statement never ended
    ],
)
def test_a_syntax_error_in_any_chunk_is_the_files(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(pg_parse.SyntaxProblem) as whole:
        pg_parse.parse(text)
    monkeypatch.setattr(pg_parse, "_CHUNK_CHARS", 1)
    with pytest.raises(pg_parse.SyntaxProblem) as chunked:
        pg_parse.statement_extents(text)
    assert (chunked.value.message, chunked.value.offset) == (whole.value.message, whole.value.offset)
