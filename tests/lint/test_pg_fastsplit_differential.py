"""The PostgreSQL lint's fast split (``linter.postgres.fastsplit``) against sqlparse's, the reference.

Wherever ``fast_split`` answers, its statements must equal ``split_statements`` (number, line,
column, SQL, offset, every token, the first words) and the split check it makes unnecessary must
find nothing; where sqlparse and PostgreSQL could read a file differently it must not answer. The
lint's findings must be the same with and without it.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pg_histories import HISTORIES

from ratchet.linter import lint_paths
from ratchet.linter.postgres import fastsplit
from ratchet.linter.postgres.fastsplit import fast_split
from ratchet.split import split_statements
from ratchet.splitcheck import split_problems

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261201


def load(path: Path, name: str) -> ModuleType:
    """A module of the test suite or the bench, by path (its generators and corpora)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def described(text: str, statements: list[object]) -> list[tuple[object, ...]]:
    return [
        (
            s.number,  # type: ignore[attr-defined]
            s.line,  # type: ignore[attr-defined]
            s.column,  # type: ignore[attr-defined]
            s.sql,  # type: ignore[attr-defined]
            s.offset,  # type: ignore[attr-defined]
            [(t.ttype, t.value) for t in s.tokens],  # type: ignore[attr-defined]
            s.first_words(1),  # type: ignore[attr-defined]
            s.first_words(2),  # type: ignore[attr-defined]
            s.first_words(6),  # type: ignore[attr-defined]
        )
        for s in statements
    ]


def agrees(text: str, label: str) -> bool:
    """Whether the fast split answered; if it did, that it equals sqlparse's split and that the
    split check would have found nothing."""
    fast = fast_split(text)
    if fast is None:
        return False
    reference = split_statements(text)
    assert described(text, fast.statements) == described(text, reference), f"{label}: {text[:300]!r}"
    assert split_problems(Path("x.sql"), text, reference, "postgresql") == [], f"{label}: {text[:300]!r}"
    assert [p.offset for p in fast.parsed] == [s.offset for s in fast.statements]
    return True


def corpus_texts(tmp_path: Path) -> list[tuple[str, str]]:
    """Every SQL text of the test suite, the PostgreSQL histories and both bench corpora."""
    fastlex = load(ROOT / "tests" / "test_fastlex_differential.py", "fastsplit_fastlex_helpers")
    texts = [(str(path), path.read_text(encoding="utf-8")) for path in fastlex.sql_files()]
    texts += [(f"lint corpus #{n}", text) for n, text in enumerate(fastlex.lint_corpus_sql())]
    texts += [(f"test string #{n}", text) for n, text in enumerate(fastlex.test_string_literals())]
    texts += [(f"{label} {name}", sql) for label, history in HISTORIES.items() for name, sql, _ in history]
    bench = load(ROOT / "bench" / "lint_bench.py", "fastsplit_lint_bench")
    for name, generate in bench.CORPORA.items():
        (tmp_path / name).mkdir()
        texts += [(f"bench {name} {p.name}", p.read_text(encoding="utf-8")) for p in generate(tmp_path / name, 40)]
    return texts


def test_every_corpus_splits_identically(tmp_path: Path) -> None:
    texts = corpus_texts(tmp_path)
    answered = sum(agrees(text, label) for label, text in texts)
    assert answered > 300  # the fast path is exercised, not only its refusals


# Statements whose marked slot takes a tricky text inside a string, a quoted name, a comment or a
# dollar quote (where it is inert), and pieces that stand between statements.
STATEMENTS = (
    "CREATE TABLE t{n} (a int, b text DEFAULT '{s}', c numeric(10, 2))",
    'ALTER TABLE t{n} ADD COLUMN "{q}" text',
    "UPDATE t{n} SET b = CASE WHEN a > 0 THEN '{s}' ELSE 'x' END WHERE (a IS NULL)",
    "INSERT INTO t{n} (a, b) VALUES (1, '{s}'), (2, E'{s}')",
    "COMMENT ON TABLE t{n} IS '{s}'",
    "SELECT now() AT TIME ZONE 'UTC', '{s}'::text, ARRAY[1, 2], '{{}}'::int[]",
    "CREATE FUNCTION f{n}() RETURNS int LANGUAGE plpgsql AS $$ BEGIN -- {s}\n RETURN 1; END; $$",
    "DO $body$ BEGIN IF true THEN PERFORM '{s}'; END IF; END $body$",
    "CREATE INDEX i{n} ON t{n} (a) -- {s}\n",
    "CREATE VIEW v{n} AS SELECT a, b FROM t{n} WHERE b <> '{s}'",
    "SELECT $tag$ {s} $$ $tag$, a$b FROM t{n}",
    "SELECT 1 /* {s} */ + 2 /*+ hint */",
    "/* {s} */ CREATE INDEX j{n} ON t{n} (b)",
    "COMMIT",
    "end",
    "ROLLBACK",
    "select 1",
)
TRICKY = (
    "",
    ";",
    "it''s; -- not a comment",
    "/* no */",
    "$$",
    "BEGIN",
    "end;",
    "back\\slash",
    "[x]",
    "# hash",
    "caf\u00e9",
    "\u00a0",
    "x +-- y",
    "*/ x",
    "/* nested",
    "a +/* b",
    "(",
    ")",
    '""',
)
SEPARATORS = (";\n", "; -- done; really\n", ";\n\n-- next: ';' inside\n", " ; ", ";;\n", ";\r\n", ";\t-- x\r\n")
LEADS = ("", "-- header\n\n", "\n\n", "  ", "-- a\n-- b\n")


def generated_files() -> list[str]:
    chooser = random.Random(SEED)
    files = []
    for _ in range(3000):
        parts = []
        for n in range(chooser.randint(1, 6)):
            template = chooser.choice(STATEMENTS)
            tricky = chooser.choice(TRICKY)
            parts.append(template.format(n=n, s=tricky.replace("'", "''"), q=tricky.replace('"', '""')))
            parts.append(chooser.choice(SEPARATORS))
        if chooser.random() < 0.2:
            parts.pop()  # the last statement without its ';'
        files.append(chooser.choice(LEADS) + "".join(parts))
    return files


def test_generated_files_split_identically() -> None:
    files = generated_files()
    answered = sum(agrees(text, f"generated #{n} (seed {SEED})") for n, text in enumerate(files))
    assert len(files) * 0.3 < answered < len(files)  # both paths are exercised
    # and both ways of finding the statements: the scanner's split alone, and its tokens
    plain = sum(fastsplit._plain_spans(text) is not None for text in files if fast_split(text) is not None)
    assert 100 < plain < answered


@pytest.mark.parametrize(
    ("text", "differs"),
    [
        # a dollar quote PostgreSQL opens after a quoted name, sqlparse does not
        ('select "int4"$$1;2$$;\nselect 2;', True),
        # an operator run that swallows a comment start for sqlparse only
        ("select 1 +-- c;\n;\nselect 2;", True),
        ("select 1 +/* c; */ 2;\nselect 2;", True),
        # a comment that nests for PostgreSQL only
        ("select 1 /* a /* b */ ; */;\nselect 2;", True),
        # a doubled quote in sqlparse's AT TIME ZONE token (excluded although the pieces come out the same)
        ("select now() at time zone 'a''b; ';\nselect 2;", False),
        # BEGIN spelled with a dotless i is a keyword for sqlparse, a name for PostgreSQL
        ("select 1 as beg\u0131n, 2; select 2; select 3;", True),
        # a ';' inside a statement: a rule's action list (an END before it ends it for sqlparse)
        ("create rule r as on insert to t do also (notify a; notify b);", False),
        ("create rule r as on update to t do also (update t set a = case when true then 1 end; notify b);", True),
        # a function body the grammar alone delimits
        ("create function f() returns int language sql begin atomic select 1; end;", False),
        # nested comments, backslashes, square brackets: left to sqlparse and the split check
        ("/* a /* b */ ; */ select 1;", True),
        ("select 'a\\'; select 2;", False),
        ("select array ['a]', 'b;']; select 2;", False),
    ],
)
def test_near_misses_take_the_slow_path(text: str, differs: bool) -> None:
    assert fast_split(text) is None
    if differs:  # the exclusion is real: sqlparse reads other statements than PostgreSQL here
        assert split_problems(Path("x.sql"), text, split_statements(text), "postgresql")


def test_clean_files_take_the_fast_path() -> None:
    assert fast_split("CREATE TABLE a (x int);\n-- note; with a semicolon\nALTER TABLE a ADD y text;\n") is not None
    assert fast_split("CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;") is not None


def corpus_directories(tmp_path: Path) -> list[Path]:
    """The PostgreSQL histories and both bench corpora, each written to a directory of its own."""
    bench = load(ROOT / "bench" / "lint_bench.py", "fastsplit_lint_bench_findings")
    directories = []
    for label, history in HISTORIES.items():
        directory = tmp_path / label
        directory.mkdir()
        for name, sql, _ in history:
            (directory / name).write_text(sql, encoding="utf-8")
        directories.append(directory)
    for name, generate in bench.CORPORA.items():
        (tmp_path / name).mkdir()
        generate(tmp_path / name, 60)
        directories.append(tmp_path / name)
    return directories


def test_findings_are_the_same_without_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directories = corpus_directories(tmp_path)
    fast = [lint_paths([d], dialect="postgresql").findings for d in directories]
    monkeypatch.setattr(fastsplit, "_proven", lambda: False)
    slow = [lint_paths([d], dialect="postgresql").findings for d in directories]
    assert fast == slow
    assert sum(map(len, fast)) > 20


WORD_EDGES = (
    "BEGIN",
    "begin;",
    "xbegin",
    "begin_",
    "_begin",
    "1begin",
    "éBEGIN",
    "BEGINé",
    "BEGIN·",
    "·BEGIN",
    "gogo go",
    "ago GO; go\n",
    "declared DECLARE declare1",
    "at time zone 'go''",
    "AT TIME ZONE 'a' go",
    "with'go'",
    "WITH 'x' GO",
    "",
)


def pattern_words(upper: str) -> list[int]:
    return [match.start() for match in fastsplit._RISKY_WORDS.finditer(upper)]


@pytest.mark.parametrize("text", WORD_EDGES)
def test_the_risky_words_are_where_the_pattern_finds_them(text: str) -> None:
    upper = text.upper()
    assert fastsplit._risky_words(upper) == pattern_words(upper)


def test_the_risky_words_of_every_corpus_are_the_patterns(tmp_path: Path) -> None:
    texts = [text.upper() for _, text in corpus_texts(tmp_path)]
    rng = random.Random(SEED)
    texts += ["".join(rng.choice(WORD_EDGES) + rng.choice(" x_é\n'") for _ in range(12)).upper() for _ in range(500)]
    assert [fastsplit._risky_words(upper) for upper in texts] == [pattern_words(upper) for upper in texts]
    assert sum(bool(pattern_words(upper)) for upper in texts) > 100
