"""The lint's direct read of PostgreSQL's scanner (``ratchet.pgscan``) against pglast's ``scan``.

For every text of the test suite's corpora and the generated files of the fast-split differential,
and for each of their statements alone (the PostgreSQL checks scan a statement at a time), the
tokens must be pglast's: the same starts, inclusive ends and names, in the same order; a text the
scanner rejects (or that UTF-8 cannot hold) must raise pglast's error. Where the direct read cannot
be trusted it must not be used.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_pg_fastsplit_differential import corpus_texts, generated_files

from ratchet import pgscan
from ratchet.pgparser import parser
from ratchet.split import split_statements


def pglast_tokens(text: str) -> pgscan.Tokens:
    tokens = parser.scan(text)
    return pgscan.Tokens([t.start for t in tokens], [t.end for t in tokens], [t.name for t in tokens])


def same_tokens(text: str, label: str) -> None:
    try:
        expected = pglast_tokens(text)
    except (parser.ParseError, UnicodeError) as exc:  # a rejected text; a lone surrogate
        with pytest.raises(type(exc)) as raised:
            pgscan.scan(text)
        assert raised.value.args == exc.args, label
        return
    assert pgscan.scan(text) == expected, f"{label}: {text[:300]!r}"


def test_the_direct_read_is_in_use() -> None:
    assert pgscan._direct  # else every comparison below only compares pglast with itself


def test_every_corpus_scans_identically(tmp_path: Path) -> None:
    texts = corpus_texts(tmp_path)
    ascii_texts = 0
    for label, text in texts:
        same_tokens(text, label)
        ascii_texts += text.isascii()
        for statement in split_statements(text):
            same_tokens(statement.sql, f"{label}, statement {statement.number}")
    assert ascii_texts > 300  # the direct read is exercised, not only pglast's own


def test_generated_files_scan_identically() -> None:
    for number, text in enumerate(generated_files()):
        same_tokens(text, f"generated #{number}")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "select 1",
        "select 'unterminated",
        'select "unterminated',
        "select $$ never closed",
        "/* never closed",
        "select 1; -- no newline at the end",
        "select E'\\x41', B'101', X'ff', 1.5e3, $1, :name, a::int, 1 <= 2, a->>'k'",
    ],
)
def test_edges_scan_identically(text: str) -> None:
    same_tokens(text, "edge")


NOT_ASCII = [
    "select 'café', 1; select 2",
    "INSERT INTO t (name) VALUES ('Zoë 🎉'), ('村上春樹');",
    'SELECT "prénom", é2 FROM "données" /* ß ☃ */ WHERE x = $é$ ü $é$; -- fin ✓',
    "COMMENT ON TABLE t IS 'Grüße — “quoted”'; select 'ü'::text, E'\\u00e9'",
    "select 'unterminated é",
    "select '\ud800'",
]


@pytest.mark.parametrize("text", NOT_ASCII)
def test_text_that_is_not_ascii_scans_identically(text: str) -> None:
    same_tokens(text, "not ASCII")


@pytest.mark.parametrize("text", NOT_ASCII[:4])
def test_text_that_is_not_ascii_is_read_directly(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    # pglast converts its offsets a character at a time for every token: a 300 kB data file with
    # accents took 40 s. The direct read translates byte offsets once over the text.
    expected = pglast_tokens(text)
    monkeypatch.setattr(pgscan, "_through_pglast", lambda text: pytest.fail("pglast's scan was asked"))
    assert pgscan.scan(text) == expected


def test_a_scanner_that_disagrees_with_pglast_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pgscan._connect()
    monkeypatch.setattr(pgscan, "_through_pglast", lambda text: pgscan.Tokens([], [], []))
    assert pgscan._connect() == []
    monkeypatch.setattr(pgscan, "_Direct", lambda: 1 / 0)
    assert pgscan._connect() == []
