"""ratchet's lexer (``ratchet.lexer``) against sqlparse's, the reference.

For every corpus: the ``(ttype, value)`` stream must equal ``Lexer.get_tokens`` token for token,
and the statements ``split_statements`` makes from it must equal those it makes from sqlparse's
own ``FilterStack.run`` (number, line, column, SQL and every token).

The random cases use fixed seeds: 1,000 concatenations of fragments and 500 INSERT files in
``make test``; a nightly run asks for more (the first cases stay the same), e.g.
``RATCHET_FASTLEX_CASES=20000 pytest tests/test_fastlex_differential.py``.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import random
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from sqlparse import engine, keywords, tokens
from sqlparse.lexer import Lexer
from sqlparse.sql import Statement as ParsedStatement

from ratchet import lexer, split

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261124
GENERATED_CASES = int(os.environ.get("RATCHET_FASTLEX_CASES") or 1000)

# Fragments chosen to hit every regex of sqlparse's SQL_REGEX and its dollar-quote/comment pre-pass.
FRAGMENTS = (
    "SELECT 1",
    ";",
    " ",
    "\n",
    "\t",
    "\r\n",
    "\r",
    "'it''s'",
    "'back\\'slash'",
    "'unterminated",
    "E'\\n'",
    "e'\\''",
    '"quoted ""ident"""',
    '"unterminated',
    '"a\\"b"',
    '""',
    "`tick``ed`",
    "`open",
    "\u00b4acute\u00b4",
    "[bracket name]",
    "x[1]",
    "$$",
    "$$ body; with ; semicolons $$",
    "$tag$ x $ y $tag$",
    "$tag$",
    "$a$b$a$",
    "$$$$",
    "a$b",
    '"x"$$',
    "$1",
    "/*",
    "*/",
    "/* c */",
    "/* nested /* c */ */",
    "/*+ hint */",
    "-- line comment\n",
    "-- at EOF",
    "--+ hint\n",
    "# mysql comment\n",
    "#+ hint\n",
    "#temp",
    "##global",
    "@var",
    "@>",
    "<@",
    "->>",
    "#>>",
    "#-",
    "?|",
    "?&",
    "?",
    "%s",
    "%(name)s",
    ":name",
    ":=",
    "::int",
    "::",
    "\\copy",
    "*",
    "1e5",
    "-1.5e-3",
    "1.",
    ".03",
    "-7",
    "0xFF",
    "12abc",
    "x.1",
    "schema . name",
    "t.col",
    "café",
    "日本語",
    "Ünïcode",
    "\u017felect",
    "\u212a",
    "İ",
    "\x00",
    "\x0b",
    "\x0c",
    "\u00a0",
    "\u2028",
    "\ufeff",
    "\U0001f600",
    "~",
    "!=",
    "<>",
    "||",
    "^",
    "&",
    "{",
    "}",
    "\\",
    "DELIMITER //",
    "DELIMITER ;",
    "//",
    "BEGIN",
    "BEGIN TRANSACTION",
    "END",
    "END IF",
    "END LOOP",
    "END  WHILE",
    "END FOR",
    "END CASE",
    "IF NOT EXISTS",
    "IF EXISTS",
    "NOT NULL",
    "ASC NULLS FIRST",
    "DESC",
    "NULLS LAST",
    "UNION ALL",
    "CREATE OR REPLACE",
    "CREATE",
    "DOUBLE PRECISION",
    "GROUP BY",
    "ORDER  BY",
    "PRIMARY KEY",
    "HANDLER FOR",
    "GO",
    "GO 2",
    "LATERAL VIEW EXPLODE",
    "AT TIME ZONE 'UTC'",
    "NOT ILIKE",
    "LIKE",
    "REGEXP BINARY",
    "LEFT OUTER JOIN",
    "NATURAL JOIN",
    "CROSS JOIN",
    "JOIN",
    "CASE WHEN x THEN 1 ELSE 2 END",
    "DECLARE x int",
    "FOR",
    "WHILE",
    "LOOP",
    "DO",
    "VALUES",
    "USING",
    "AS",
    "IN",
    "FROM",
    "count(",
    "(",
    ")",
    ",",
    ".",
    "=",
    "+",
    "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.x := 1; RETURN NEW; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW BEGIN SET NEW.y = 1; END",
    "INSERT INTO items (id, name) VALUES (1, 'a;b')",
)


def reference_tokens(text: str) -> list[tuple[object, str]]:
    """sqlparse's own lexer."""
    return list(Lexer.get_default_instance().get_tokens(text))  # type: ignore[no-untyped-call]


def reference_parse(text: str) -> Iterator[ParsedStatement]:
    """sqlparse's own ungrouped filter stack (what ``split`` used before ``ratchet.lexer``)."""
    yield from engine.FilterStack().run(text)  # type: ignore[no-untyped-call]


def statements(
    text: str, parse: Callable[[str], Iterator[ParsedStatement]] | None = None, executable_comments: bool = False
) -> list[tuple[object, ...]]:
    """``split_statements(text)`` as plain tuples (with each statement's ``first_words``).

    With ``parse`` (the reference), sqlparse alone splits and every statement keeps its tokens as
    split; without, ratchet's path runs: plain INSERT lines split by ``_PLAIN_INSERT_LINE``, the
    rest by sqlparse's splitter over ``ratchet.lexer``, and INSERT statements lex their tokens
    again on demand.
    """
    original, relexed = split._pieces, split._RELEXED
    if parse is not None:
        split._pieces, split._RELEXED = parse, re.compile("(?!)")  # type: ignore[assignment]
    try:
        found = split.split_statements(text, executable_comments=executable_comments)
    finally:
        split._pieces, split._RELEXED = original, relexed
    return [described(s) for s in found]


def described(s: split.Statement) -> tuple[object, ...]:
    """A statement as plain values: its place, SQL, tokens and first words."""
    tokens = [(t.ttype, t.value) for t in s.tokens]
    return (s.number, s.line, s.column, s.sql, tokens, s.first_words(1), s.first_words(2), s.first_words(6))


def data_statements(text: str, executable_comments: bool = False) -> list[tuple[object, ...]]:
    """``split_data`` of the text's UTF-8 bytes as :func:`statements` makes them (and each statement's
    offset and plain flag), with a run of plain INSERT lines taken from two lines on."""
    original = split._MIN_RUN
    split._MIN_RUN = 1
    try:
        found = list(split.split_data(text.encode("utf-8"), executable_comments=executable_comments))
    finally:
        split._MIN_RUN = original
    return [(*described(s), s.offset, s.plain) for s in found]


def batched_sql(text: str, executable_comments: bool = False) -> list[tuple[int, str]]:
    """Each statement's number and SQL as the runner takes them from ``split_data`` of the text's UTF-8
    bytes (``sql_batches``: a run's lines in batches, here of a line or two, without statements)."""
    original = split._MIN_RUN, split._BATCH_BYTES
    split._MIN_RUN, split._BATCH_BYTES = 1, 40
    try:
        found = split.split_data(text.encode("utf-8"), executable_comments=executable_comments)
        return [(first + index, sql) for first, sqls, _ in split.sql_batches(found) for index, sql in enumerate(sqls)]
    finally:
        split._MIN_RUN, split._BATCH_BYTES = original


def assert_identical(text: str, label: str, executable_comments: bool = False) -> None:
    """Token streams, then statements, equal; the first difference is named on failure
    (``executable_comments``: split as for MySQL)."""
    expected = reference_tokens(text)
    actual = list(lexer.tokenize(text))
    if actual != expected:
        index = next((i for i, pair in enumerate(zip(actual, expected, strict=False)) if pair[0] != pair[1]), None)
        if index is None:
            index = min(len(actual), len(expected))
        pytest.fail(
            f"{label}: token {index} differs: ratchet {actual[index : index + 3]!r} vs "
            f"sqlparse {expected[index : index + 3]!r} (lengths {len(actual)}/{len(expected)}) in {text[:200]!r}"
        )
    found = statements(text, executable_comments=executable_comments)
    reference = statements(text, reference_parse, executable_comments)
    assert found == reference, f"{label}: statements differ in {text[:200]!r}"
    if not any("\ud800" <= char <= "\udfff" for char in text):  # a file's text is UTF-8: no lone surrogate
        offsets = [(s.offset, s.plain) for s in split.split_statements(text, executable_comments=executable_comments)]
        assert data_statements(text, executable_comments) == [
            (*item, *more) for item, more in zip(found, offsets, strict=True)
        ], f"{label}: statements split from the bytes differ in {text[:200]!r}"
        assert batched_sql(text, executable_comments) == [
            (number, sql) for number, _line, _column, sql, *_rest in found
        ], f"{label}: the SQL run from the bytes differs in {text[:200]!r}"
    line_offsets = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
    searched = 0
    for number, line, column, sql, *_rest in found:  # each statement is where its line and column say
        offset = line_offsets[line - 1] + column - 1
        assert text.startswith(sql, offset) and offset >= searched, (
            f"{label}: statement {number} not at {line}:{column}"
        )
        searched = offset + len(sql)


def sql_files() -> list[Path]:
    """Every .sql file under tests/ and migrations/."""
    return sorted([*(ROOT / "tests").rglob("*.sql"), *(ROOT / "migrations").rglob("*.sql")])


def lint_corpus_sql() -> list[str]:
    """Every SQL string of the lint corpus (``BASE``, each trigger and each near miss)."""
    path = ROOT / "tests" / "lint" / "lint_corpus.py"
    spec = importlib.util.spec_from_file_location("lint_corpus_for_fastlex", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts = [module.BASE]
    texts += [case[2] for case in module.TRIGGERS]
    texts += [case[2] for case in module.NEAR_MISSES]
    return texts


def test_string_literals() -> list[str]:
    """Every string constant in the test suite's Python files: the SQL the other tests use."""
    found: set[str] = set()
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
                found.add(node.value)
    return sorted(found)


test_string_literals.__test__ = False  # type: ignore[attr-defined]


def load_bench(name: str) -> ModuleType:
    """A bench script as a module (its generators)."""
    spec = importlib.util.spec_from_file_location(f"fastlex_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def generated_cases() -> list[str]:
    """Random concatenations of the tricky fragments, with a fixed seed."""
    chooser = random.Random(SEED)
    separators = ("", " ", "\n", ";", "; ", "\n;\n")
    cases = []
    for _ in range(GENERATED_CASES):
        parts = chooser.choices(FRAGMENTS, k=chooser.randint(1, 14))
        text = ""
        for part in parts:
            text += part + chooser.choice(separators)
        if chooser.random() < 0.3:  # a statement ratchet lexes again on demand (split._RELEXED)
            text = chooser.choice(("INSERT INTO t ", "insert\tinto t(", "x;\nINSERT ")) + text
        cases.append(text if chooser.random() < 0.8 else text.rstrip("\n"))
    return cases


# Pieces of one-row INSERT lines, each as (what split._PLAIN_INSERT_LINE accepts, near misses it
# must leave to sqlparse: names that are splitter keywords, backslashes, comments, quoted names...).
INSERT_PARTS = (
    (("INSERT INTO items ", "insert\tinto items", "INSERT  INTO t", "INSERT INTO end_date "), ('INSERT INTO "q" ',)),
    (
        ("(id, name)", "(a)", "( a ,b\t)", "(ifx, do_it)", "(x)"),
        ("(end)", "(go)", "(Begin, x)", "(create)", "(caf\u00e9)"),
    ),
    ((" ", "", "\t"), ("\n",)),
    (
        (
            "VALUES (1, 'a')",
            "values(-2.5,'it''s')",
            "VALUES ( NULL , 'x;y' )",
            "VALUES (2, '$$')",
            "VALUES ('/*', 3)",
            "VALUES ('*/', 3)",
            "VALUES ('-- no', 1)",
            "VALUES ('multi\nline', 1)",
            "VALUES ('$a$', '\u00e9')",
        ),
        (
            "VALUES (1, 'a\\'b')",
            "VALUES ('a\\', ';')",
            "VALUES (1, '$$'), (2, '$$')",
            "VALUES (end, 1)",
            "VALUES (GO, 1)",
            "VALUES (1e5, 0x1F)",
            "VALUES (.5, 1.)",
            "VALUES ('unterminated, 1)",
            "VALUES (x.y, 1)",
            "VALUES ((1), 2)",
            "VALUES (1, 2",
            "VALUES (1, 2))",
        ),
    ),
    (
        (";", ";\n", " ;  \n", ";\r\n", ";\n\n", ";\r"),
        ("; -- note\n", ";\x0b\n", "; SELECT 1;\n", "", ";;\n", "; /* c */\n"),
    ),
)


def insert_cases() -> list[str]:
    """Files mixing plain INSERT lines, their near misses and the tricky fragments (fixed seed)."""
    chooser = random.Random(SEED + 1)
    cases = []
    for _ in range(GENERATED_CASES // 2):
        text = ""
        for _ in range(chooser.randint(1, 8)):
            if chooser.random() < 0.8:
                text += "".join(chooser.choice(good if chooser.random() < 0.85 else bad) for good, bad in INSERT_PARTS)
            else:
                text += chooser.choice(FRAGMENTS) + chooser.choice(("\n", ";\n", " ", ""))
        cases.append(text)
    return cases


# What may stand before a run of plain INSERT lines: text split on its own only when no token of it
# can reach into the run (an open string, quoted name, dollar quote or comment, '+--' read as one
# operator, a routine body that ends later).
BEFORE_RUN = (
    "",
    "CREATE TABLE t (a INT);\n",
    "-- a comment with a 'quote\n",
    "SELECT 'open\n",
    "SELECT 'x;\n",
    'SELECT "open\n',
    "SELECT `open\n",
    "SELECT $$ open\n",
    "SELECT $a$ x;\n",
    "/* open\n",
    "/* closed */ SELECT 1;\n",
    "SELECT 1 +-- 'x\n;\n",
    "SELECT 1 /-- 'x\n;\n",
    "SELECT 2 -- it's\n;\n",
    "SELECT 'a\\';\n",
    "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n",
    "CREATE FUNCTION f() RETURNS int AS $$ BEGIN\n",
    "SELECT [open\n",
    "# a comment '\n",
    "SELECT 1\n",
    "SELECT 'caf\u00e9 \U0001f600';\n",
    "INSERT INTO t (a) VALUES (1);\n\n",
)
AFTER_RUN = ("", "\n", "END;\n", "';\n", "*/;\n", "$$;\n", "$a$;\n", '";\n', "`;\n", "]\n", "SELECT 3;\n")
RUN_VALUES = (
    "1",
    "-2.5",
    "'a'",
    "'it''s'",
    "NULL",
    "null",
    "'x;y'",
    "'/*'",
    "'$$'",
    "'--'",
    "'\u00e9\U0001f600'",
    "''",
)


def run_cases() -> list[str]:
    """Runs of plain INSERT lines (the same head, the same number of values) after and before the
    fragments above and the tricky ones, with a fixed seed."""
    chooser = random.Random(SEED + 2)
    cases = []
    for _ in range(GENERATED_CASES // 2):
        head = chooser.choice(
            ("INSERT INTO t (a, b) VALUES (", "insert into t(a,b)values(", "INSERT INTO t (a, b) VALUES ( ")
        )
        lines = "".join(
            f"{head}{chooser.choice(RUN_VALUES)}, {chooser.choice(RUN_VALUES)}){chooser.choice((';', ' ;', '; '))}\n"
            for _ in range(chooser.randint(1, 6))
        )
        before = chooser.choice(BEFORE_RUN) if chooser.random() < 0.8 else chooser.choice(FRAGMENTS) + "\n"
        after = chooser.choice(AFTER_RUN) if chooser.random() < 0.8 else chooser.choice(FRAGMENTS)
        text = before + lines + after
        if chooser.random() < 0.3:
            text += lines
        cases.append(text if chooser.random() < 0.8 else text.rstrip("\n"))
    return cases


def test_runs_of_plain_insert_lines_split_identically() -> None:
    cases = run_cases()
    runs = 0
    original = split._MIN_RUN
    split._MIN_RUN = 1
    try:
        runs = sum(len(split.split_data(text.encode("utf-8")).runs()) for text in cases)
    finally:
        split._MIN_RUN = original
    assert runs > len(cases) // 10  # runs are taken, not only refused
    for number, text in enumerate(cases):
        assert_identical(text, f"run case #{number} (seed {SEED + 2})")


def test_plain_insert_lines_split_identically() -> None:
    cases = insert_cases()
    plain = sum(1 for text in cases for piece in split._pieces(text) if isinstance(piece, re.Match))
    assert plain > len(cases)  # the fast path is exercised, not only its near misses
    for number, text in enumerate(cases):
        assert_identical(text, f"insert case #{number} (seed {SEED + 1})")


def test_sql_files_split_identically() -> None:
    files = sql_files()
    assert len(files) >= 7
    for path in files:
        assert_identical(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))


def test_lint_corpus_splits_identically() -> None:
    texts = lint_corpus_sql()
    assert len(texts) > 100
    for number, text in enumerate(texts):
        assert_identical(text, f"lint corpus #{number}")


def test_every_string_of_the_test_suite_splits_identically() -> None:
    texts = test_string_literals()
    assert len(texts) > 500
    for number, text in enumerate(texts):
        assert_identical(text, f"test string #{number}")


def test_bench_files_split_identically(tmp_path: Path) -> None:
    bench = load_bench("run")
    for number in (1, 2, 10, 999, 1000):
        assert_identical(bench.statements(number), f"bench statements({number})")
    bench.generate_dbmate(tmp_path / "dbmate", 3)
    for path in sorted((tmp_path / "dbmate").iterdir()):
        assert_identical(path.read_text(encoding="utf-8"), f"bench dbmate {path.name}")
    lint_bench = load_bench("lint_bench")
    (tmp_path / "lint").mkdir()
    for path in lint_bench.generate(tmp_path / "lint", 40):
        assert_identical(path.read_text(encoding="utf-8"), f"lint bench {path.name}")
    big = load_bench("big_insert")
    assert_identical(big.insert_lines(300), "big insert file (head)")


def test_generated_fragments_split_identically() -> None:
    cases = generated_cases()
    assert len(set(cases)) > GENERATED_CASES * 0.9
    for number, text in enumerate(cases):
        assert_identical(text, f"generated case #{number} (seed {SEED})")


def test_generated_fragments_split_identically_with_executable_comments() -> None:
    """As MySQL splits: ``/*! ... */`` comments are statements, or parts of them, not blanks."""
    for number, text in enumerate(generated_cases()):
        assert_identical(text, f"generated case #{number} (seed {SEED}), MySQL", executable_comments=True)
    for fragment in FRAGMENTS:
        for text in (fragment, "/*!40101 SET x=1 */;\n" + fragment, fragment + " /*M!100100 y */\n"):
            assert_identical(text, "fragment, MySQL", executable_comments=True)


def test_each_fragment_alone_and_doubled() -> None:
    for fragment in FRAGMENTS:
        assert_identical(fragment, "fragment")
        assert_identical(fragment + fragment, "fragment twice")
        assert_identical("x " + fragment + "\n", "fragment in a line")


def test_every_single_character_up_to_u_1000() -> None:
    """Each character alone and after a word: the first-character dispatch must never drop a
    regex that could match (case folding included)."""
    for code in range(0x1000):
        char = chr(code)
        assert_identical(char + "x" + char, f"U+{code:04X}")
        assert_identical("a" + char + "1 " + char, f"U+{code:04X} after a word")


def test_customised_lexer_is_followed_and_restored() -> None:
    """A regex list changed at runtime is picked up; one with a back-reference (which the
    combination cannot renumber) falls back to sqlparse's own lexer."""
    instance = Lexer.get_default_instance()  # type: ignore[no-untyped-call]
    texts = ["SELECT ZZTOP, $q$ a $q$ FROM t;", "x @@ y; zztop", *generated_cases()[:200], *insert_cases()[:200]]
    try:
        instance.set_SQL_REGEX([(r"@@", tokens.Operator), *keywords.SQL_REGEX])
        instance.add_keywords({"ZZTOP": tokens.Keyword.DML})
        assert lexer._combined_for(instance).combinable
        assert not lexer._combined_for(instance).default_rules
        assert not [p for p in split._pieces("INSERT INTO t (a) VALUES (1);\n") if isinstance(p, re.Match)]
        for text in texts:
            assert_identical(text, "customised lexer")
        assert ("Token.Operator", "@@") in [(str(t), v) for t, v in lexer.tokenize("x @@ y")]
        instance.set_SQL_REGEX([(r"\$(\w*)\$.*?\$\1\$", tokens.Literal), *keywords.SQL_REGEX])
        assert not lexer._combined_for(instance).combinable
        for text in texts:
            assert_identical(text, "lexer with a back-reference")
    finally:
        instance.default_initialization()
    assert lexer._combined_for(instance).default_rules
    assert [p for p in split._pieces("INSERT INTO t (a) VALUES (1);\n") if isinstance(p, re.Match)]
    assert_identical("SELECT ZZTOP;", "restored lexer")


def test_regex_lists_that_cannot_be_one_alternation_fall_back_to_sqlparse() -> None:
    """Regexes that compile alone but not side by side (a global inline flag past the start, a
    group name used twice) are told apart before any alternation is compiled: sqlparse's own lexer
    then runs, with the same stream; a scoped flag group and distinct names still combine."""
    instance = Lexer.get_default_instance()  # type: ignore[no-untyped-call]
    texts = ["SELECT zz, 'a' FROM t; -- c\n", "x zZ y; qq1 qq2", *generated_cases()[:100]]
    refused = {
        "global flag": [(r"(?i)zz", tokens.Name.Builtin), *keywords.SQL_REGEX],
        "name twice": [(r"(?P<q>qq)1", tokens.Name), (r"(?P<q>qq)2", tokens.Name), *keywords.SQL_REGEX],
    }
    accepted = {
        "scoped flag": [(r"(?i:zz)", tokens.Name.Builtin), *keywords.SQL_REGEX],
        "two names": [(r"(?P<q>qq)1", tokens.Name), (r"(?P<r>qq)2", tokens.Name), *keywords.SQL_REGEX],
    }
    try:
        for label, rules in {**refused, **accepted}.items():
            instance.set_SQL_REGEX(rules)
            assert lexer._combined_for(instance).combinable == (label in accepted), label
            for text in texts:
                assert_identical(text, f"lexer with a {label}")
            assert list(lexer.tokenize(texts[1])) == list(instance.get_tokens(texts[1])), label
    finally:
        instance.default_initialization()
    assert lexer._combined_for(instance).combinable


def test_statements_without_block_keywords_are_split_without_the_splitter_identically() -> None:
    """The ``_simple`` path (no BEGIN/DECLARE/END/GO before the ';') is exercised by the corpora
    above, and where a block keyword appears the splitter decides."""
    cases = generated_cases()
    simple = sum(1 for text in cases for piece in split._pieces(text) if isinstance(piece, split._Simple))
    assert simple > len(cases)
    for text in ("SELECT (1;\nSELECT 2);) ; -- c\n  /* m */ SELECT 3", "SELECT 1 ; -- a\n-- b\n;\n\n"):
        assert all(isinstance(p, split._Simple) for p in split._pieces(text))
        assert_identical(text, "levels and blanks")
    for text in (
        "CREATE TABLE t (a INT);\nCREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END;\nSELECT 2;",
        "select 1 go\nselect 2; end; End If; declare x; begin; begin transaction; x",
        "CREATE PROCEDURE p() DECLARE x INT; BEGIN SELECT 1; END; SELECT 2;",
    ):
        assert [p for p in split._pieces(text) if not isinstance(p, split._Simple | re.Match)]
        assert_identical(text, "block keywords")


def test_tokens_built_without_token_init_have_every_slot_of_sqlparse_tokens() -> None:
    """``split._token`` sets what ``sqlparse.sql.Token.__init__`` sets, for every token type."""
    from sqlparse.sql import Token

    kinds = {ttype for text in generated_cases()[:500] for ttype, _ in lexer.tokenize(text)}
    assert len(kinds) > 20
    for ttype in kinds:
        for value in ("x", "Not Null", " \n", ";"):
            made, expected = split._token(ttype, value), Token(ttype, value)  # type: ignore[no-untyped-call]
            for slot in Token.__slots__:
                assert getattr(made, slot) == getattr(expected, slot), (ttype, value, slot)
