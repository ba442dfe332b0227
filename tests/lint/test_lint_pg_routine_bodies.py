"""A PostgreSQL routine's body runs where a statement calls it, whatever its shape: one returning
a value, a set, OUT parameters or a table, a procedure, a body naming its parameters, a SQL
routine with ``BEGIN ATOMIC``; a body the lint cannot read is ``opaque-sql`` at the call, never
skipped without a word. The catalog's memo of routine names is read and written whole, so that
lints in threads of one process each get their own catalog's names."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths
from ratchet.linter.postgres import body as body_module
from ratchet.linter.postgres import catalog as catalog_module
from ratchet.linter.postgres import catalog_from_sql
from ratchet.linter.postgres import check as check_module
from ratchet.linter.postgres.catalog import Catalog
from ratchet.linter.postgres.header import routine_header
from ratchet.linter.postgres.parse import SyntaxProblem, parse, parse_body

TABLE = "CREATE TABLE t (id int PRIMARY KEY, name text);\n"


def findings(tmp_path: Path, made: str, called: str) -> set[tuple[str, int, int]]:
    """``(rule, line, column)`` of the errors and ``opaque-sql`` of the file ``called`` after the
    file that creates ``t`` and runs ``made``."""
    directory = tmp_path / "migrations"
    directory.mkdir(parents=True)
    (directory / "1.0.0__init.sql").write_text(TABLE + made, encoding="utf-8")
    (directory / "1.0.1__x.sql").write_text(called, encoding="utf-8")
    return {
        (f.rule, f.line, f.column)
        for f in lint_paths([directory], dialect="postgresql", jobs=1).findings
        if f.path.name.startswith("1.0.1") and (f.severity == "error" or f.rule == "opaque-sql")
    }


#: (the routine, with ``{delete}`` for its DELETE, and the statement that calls it)
SHAPES = [
    pytest.param(
        "CREATE FUNCTION pi() RETURNS int LANGUAGE plpgsql AS $$ BEGIN {delete}; RETURN 1; END $$;\n",
        "SELECT pi();\n",
        id="returns-a-value",
    ),
    pytest.param(
        "CREATE FUNCTION pi() RETURNS SETOF int LANGUAGE plpgsql AS $$\n"
        "BEGIN {delete}; RETURN NEXT 1; RETURN QUERY SELECT id FROM t; RETURN; END $$;\n",
        "SELECT pi();\n",
        id="returns-a-set",
    ),
    pytest.param(
        "CREATE FUNCTION pi(OUT a int, OUT b text) LANGUAGE plpgsql AS $$ BEGIN {delete}; a := 1; RETURN; END $$;\n",
        "SELECT pi();\n",
        id="out-parameters",
    ),
    pytest.param(
        "CREATE FUNCTION pi(x int) RETURNS TABLE (a int) LANGUAGE plpgsql AS $$\n"
        "BEGIN {delete}; pi.a := x; RETURN NEXT; END $$;\n",
        "SELECT pi(1);\n",
        id="returns-a-table",
    ),
    pytest.param(
        "CREATE PROCEDURE pi(INOUT a int) LANGUAGE plpgsql AS $$ BEGIN {delete}; a := 2; RETURN; END $$;\n",
        "CALL pi(1);\n",
        id="procedure",
    ),
    pytest.param(
        "CREATE FUNCTION pi(r t, VARIADIC v text[]) RETURNS int LANGUAGE plpgsql AS $$\n"
        "BEGIN r.name := 'x'; {delete}; RETURN 1; END $$;\n",
        "SELECT pi(NULL, 'a');\n",
        id="row-and-variadic-parameters",
    ),
    pytest.param(
        "CREATE FUNCTION pi() RETURNS int LANGUAGE sql BEGIN ATOMIC {delete}; SELECT 1; END;\n",
        "SELECT pi();\n",
        id="sql-begin-atomic",
    ),
    pytest.param(
        "CREATE FUNCTION pi() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  {delete}; SELECT 1;\nEND /* pi */; -- done\n",
        "SELECT pi();\n",
        id="sql-begin-atomic-comments-after-end",
    ),
    pytest.param(
        "CREATE FUNCTION pi() RETURNS int LANGUAGE sql AS $$ {delete}; SELECT 1 $$;\n",
        "SELECT pi();\n",
        id="sql-string",
    ),
]


@pytest.mark.parametrize(("made", "called"), SHAPES)
def test_an_earlier_routine_runs_its_body_at_the_call(tmp_path: Path, made: str, called: str) -> None:
    column = called.index("pi(") + 1
    assert findings(tmp_path, made.format(delete="DELETE FROM t"), called) == {("delete-without-where", 1, column)}


@pytest.mark.parametrize(("made", "called"), SHAPES)
def test_an_earlier_routine_whose_delete_keeps_to_a_where_is_nothing(tmp_path: Path, made: str, called: str) -> None:
    assert findings(tmp_path, made.format(delete="DELETE FROM t WHERE id = 1"), called) == set()


@pytest.mark.parametrize(("made", "called"), SHAPES)
def test_a_routine_made_in_the_file_runs_where_its_body_stands(tmp_path: Path, made: str, called: str) -> None:
    routine = made.format(delete="DELETE FROM t")
    line = routine.count("\n", 0, routine.index("DELETE")) + 1
    column = routine.index("DELETE") - (routine.rfind("\n", 0, routine.index("DELETE")) + 1) + 1
    assert findings(tmp_path, "", routine + called) == {("delete-without-where", line, column)}
    near = made.format(delete="DELETE FROM t WHERE id = 1")
    assert findings(tmp_path / "near", "", near + called) == set()


def test_a_body_the_lint_cannot_read_is_opaque_at_the_call(tmp_path: Path) -> None:
    # accepted by a server that did not check bodies when it was made; pglast rejects it
    made = "CREATE FUNCTION pi() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN NEXT 1; END $$;\n"
    assert findings(tmp_path / "unread", made, "SELECT 0, pi();\n") == {("opaque-sql", 1, 11)}
    readable = "CREATE FUNCTION pi() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\n"
    assert findings(tmp_path / "read", readable, "SELECT 0, pi();\n") == set()


def test_begin_atomic_statements_the_text_does_not_show_are_opaque(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = "CREATE FUNCTION pi() RETURNS int LANGUAGE sql BEGIN ATOMIC DELETE FROM t; SELECT 1; END;\n"
    assert findings(tmp_path / "shown", made, "SELECT pi();\n") == {("delete-without-where", 1, 8)}
    monkeypatch.setattr(check_module, "atomic_body", lambda sql: None)
    monkeypatch.setattr(body_module, "atomic_body", lambda sql: None)
    assert findings(tmp_path / "earlier", made, "SELECT pi();\n") == {("opaque-sql", 1, 8)}
    assert findings(tmp_path / "same", "", made + "SELECT pi();\n") == {("opaque-sql", 1, 1)}


def test_a_body_holding_the_lints_own_quote_still_runs(tmp_path: Path) -> None:
    made = "CREATE FUNCTION pi() RETURNS int LANGUAGE plpgsql AS $q$ BEGIN DELETE FROM t; RETURN 1; END $q$;\n"
    made = made.replace("RETURN 1;", "RAISE NOTICE '$ratchet_body$'; RETURN 1;")
    assert findings(tmp_path, made, "SELECT pi();\n") == {("delete-without-where", 1, 8)}


@pytest.mark.parametrize(
    ("returns", "body", "accepted"),
    [
        ("RETURNS trigger", "BEGIN NEW.name := 'x'; RETURN NEW; END", True),
        ("RETURNS void", "BEGIN NEW.name := 'x'; RETURN NEW; END", False),
        ("RETURNS int", "BEGIN RETURN 1; END", True),
        ("RETURNS void", "BEGIN RETURN 1; END", False),
        ("RETURNS SETOF int", "BEGIN RETURN NEXT 1; END", True),
        ("RETURNS int", "BEGIN RETURN NEXT 1; END", False),
    ],
)
def test_the_head_written_back_reads_the_body_as_the_routine_did(returns: str, body: str, accepted: bool) -> None:
    original = f'CREATE FUNCTION s."My f"() {returns} LANGUAGE plpgsql AS $$ {body} $$'
    head = routine_header(parse(original)[0][0].node)
    assert head.startswith('CREATE FUNCTION "s"."My f"() RETURNS ')
    rewritten = f"{head} LANGUAGE plpgsql AS $$ {body} $$"
    returned = [parse(sql)[0][0].node["returnType"] for sql in (rewritten, original)]
    assert [{**one, "location": 0} for one in returned[0:1]] == [{**one, "location": 0} for one in returned[1:]]
    if accepted:
        parse_body(rewritten)
    else:
        with pytest.raises(SyntaxProblem):
            parse_body(rewritten)


def test_the_head_written_back_keeps_parameters_but_variadic() -> None:
    original = "CREATE FUNCTION f(x int, OUT y t.name%TYPE, VARIADIC v text[]) LANGUAGE sql AS $$ SELECT 1 $$"
    assert routine_header(parse(original)[0][0].node) == (
        'CREATE FUNCTION "f"("x" "pg_catalog"."int4", OUT "y" "t"."name"%TYPE, "v" "text"[])'
    )


class _Interleaved(list):  # type: ignore[type-arg]
    """The memo, with another lint asking its own catalog's names right after the second read of it
    (as a thread may run between any two steps of the one that reads)."""

    def __init__(self, items: list[object], other: Catalog) -> None:
        super().__init__(items)
        self.other = other
        self.reads = 0

    def __getitem__(self, index: object) -> object:
        value = super().__getitem__(index)  # type: ignore[index]
        self.reads += 1
        if self.reads == 2:
            self.other.routine_names()
        return value


def test_a_lint_asking_routine_names_meanwhile_does_not_mix_its_catalog_in(monkeypatch: pytest.MonkeyPatch) -> None:
    made = "CREATE FUNCTION {0}() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
    mine, other = (catalog_from_sql("".join(made.format(f"{name}_{n}") for n in range(3))) for name in "ab")
    assert sorted(mine.routine_names().called) == ["a_0", "a_1", "a_2"]  # the memo: mine
    monkeypatch.setattr(catalog_module, "_names_memo", _Interleaved(list(catalog_module._names_memo), other))
    assert sorted(mine.routine_names().called) == ["a_0", "a_1", "a_2"]
    assert sorted(other.routine_names().called) == ["b_0", "b_1", "b_2"]
