"""The statements of a PostgreSQL ``DO`` block, from pglast's PL/pgSQL parser.

Static SQL inside the block is returned with its position so that it is linted like a
top-level statement; so is the SQL of ``EXECUTE 'constant string'`` (a string literal, or
literals joined by ``||``: what conditional DDL in real histories looks like), at the
``EXECUTE``. Dynamic SQL (``EXECUTE`` of anything computed, ``FOR ... IN EXECUTE``,
``OPEN ... FOR EXECUTE``, ``RETURN QUERY EXECUTE``) and ``CALL`` are returned as dynamic.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ratchet.lazyre import LazyPattern
from ratchet.linter.postgres.header import routine_header
from ratchet.linter.postgres.parse import Node, SyntaxProblem, parse, parse_body

_DYNAMIC = {
    "PLpgSQL_stmt_dynexecute": "EXECUTE",
    "PLpgSQL_stmt_dynfors": "FOR ... IN EXECUTE",
    "PLpgSQL_stmt_call": "CALL",
}
#: PL/pgSQL statements whose ``key`` holds static SQL.
_STATIC = {
    "PLpgSQL_stmt_execsql": "sqlstmt",
    "PLpgSQL_stmt_perform": "expr",
    "PLpgSQL_stmt_fors": "query",
    "PLpgSQL_stmt_return_query": "query",
    "PLpgSQL_stmt_open": "query",
}
_DOLLAR = LazyPattern(r"\$[A-Za-z_0-9]*\$")
_LITERAL_START = LazyPattern(r"'|\$[A-Za-z_0-9]*\$")
_ATOMIC = LazyPattern(r"\bBEGIN\s+ATOMIC\b", re.IGNORECASE)
_ATOMIC_END = LazyPattern(r"\bEND(?:[\s;]|--[^\n]*|/\*.*?\*/)*\Z", re.IGNORECASE | re.DOTALL)


#: Why a ``BEGIN ATOMIC`` routine's statements cannot be linted: its text does not show where they end
NO_ATOMIC_END = "its BEGIN ATOMIC statements do not end the text with END"


class BodyStatement(NamedTuple):
    """A statement of the block: ``offset`` (characters into the DO statement) and its SQL,
    or ``dynamic`` naming the construct that runs SQL the lint cannot see."""

    offset: int
    sql: str
    dynamic: str | None = None


def body_statements(statement_sql: str, node: Node) -> list[BodyStatement]:
    """The statements of the ``DO`` statement ``statement_sql`` (parsed as ``node``), in order; or of
    the ``CREATE FUNCTION``/``PROCEDURE`` statement (PL/pgSQL or SQL: what a call of it runs)."""
    routine = "args" not in node
    language = "sql" if routine else "plpgsql"
    location = -1
    body: Any = None
    for item in node.get("options" if routine else "args") or ():
        element = item.get("DefElem", {})
        if element.get("defname") == "language":
            language = str(element.get("arg", {}).get("String", {}).get("sval", "")).lower()
        elif element.get("defname") == "as":
            location = element.get("arg_location", -1)
            body = element.get("arg", {})
    items = body.get("List", {}).get("items") or [body] if isinstance(body, dict) else []
    text: str | None = items[0].get("String", {}).get("sval") if items else None
    if routine and language == "sql":
        if "sql_body" in node:
            atomic = atomic_body(statement_sql)
            if atomic is None:
                raise SyntaxProblem(NO_ATOMIC_END, -1)
            return [BodyStatement(*atomic)] if atomic[1].split() else []
        # the body string's SQL as one piece (its statements are parsed alone)
        return [BodyStatement(_body_start(statement_sql, location), text)] if text and text.split() else []
    if language != "plpgsql":
        raise SyntaxProblem(f"the language {language} is not PL/pgSQL", -1)
    body_start = _body_start(statement_sql, location)
    lines = [0, *(match.end() for match in re.finditer("\n", statement_sql))]  # each line's first offset
    body_line = statement_sql.count("\n", 0, body_start)  # 0-based line of the body's first character
    upper = statement_sql.upper()
    out: list[BodyStatement] = []
    last = -1
    if routine:
        # parsed under a head written back from the node: pglast's PL/pgSQL parser rejects some heads
        # PostgreSQL takes (VARIADIC); the body is the same string, and its line numbers count from it
        tree = parse_body(f"{routine_header(node)} LANGUAGE plpgsql AS {dollar_quoted(text or '')}")
    else:
        tree = parse_body(statement_sql)
    for kind, item in _statements(tree):
        line = body_line + max(int(item.get("lineno", 1)), 1) - 1
        line_start = lines[min(line, len(lines) - 1)]
        search_from = max(line_start, last + 1, body_start)
        dynamic = _DYNAMIC.get(kind)
        if kind in ("PLpgSQL_stmt_open", "PLpgSQL_stmt_return_query") and "dynquery" in item:
            dynamic = "EXECUTE"
        if dynamic is not None:
            found = upper.find(dynamic.split()[-1], search_from)
            last = found if found >= 0 else line_start
            constant = _constant(item) if kind == "PLpgSQL_stmt_dynexecute" else None
            if constant is None or not constant.split():
                out.append(BodyStatement(last, "", dynamic))
                continue
            # the string's content where it stands verbatim in the file, so that findings inside it point
            # at their own column; else (doubled quotes, joined literals) from the first literal's content
            verbatim = statement_sql.find(constant, last)
            if verbatim < 0:
                literal = _LITERAL_START.search(statement_sql, last)
                verbatim = literal.end() if literal else last
            out.append(BodyStatement(verbatim, constant))
            continue
        expression = item.get(_STATIC[kind], {}).get("PLpgSQL_expr", {})
        sql = expression.get("query")
        if not sql or not sql.split():
            continue
        # PERFORM f(x) is parsed as SELECT f(x): both words have 7 characters, so the offsets line up
        first = "PERFORM" if kind == "PLpgSQL_stmt_perform" else sql.split(None, 1)[0].upper()
        found = upper.find(first, search_from)
        last = found if found >= 0 else line_start
        out.append(BodyStatement(last, sql[len(sql) - len(sql.lstrip()) :]))
    return out


def dollar_quoted(text: str) -> str:
    """``text`` between dollar quotes that it does not hold."""
    tag = "$ratchet_body$"
    while tag in text:
        tag = f"{tag[:-1]}_$"
    return f"{tag}{text}{tag}"


def atomic_body(statement_sql: str) -> tuple[int, str] | None:
    """Where the statements of a ``BEGIN ATOMIC ... END`` routine start in ``statement_sql`` and their
    text (pglast keeps their nodes, not their text): ``None`` when the text does not show them."""
    start = _ATOMIC.search(statement_sql)
    end = _ATOMIC_END.search(statement_sql)
    if start is None or end is None or end.start() < start.end():
        return None
    return start.end(), statement_sql[start.end() : end.start()]


def _constant(item: Node) -> str | None:
    """The SQL an ``EXECUTE`` runs when its expression is a string constant (or constants
    joined by ``||``), else ``None``."""
    expression = str(item.get("query", {}).get("PLpgSQL_expr", {}).get("query", ""))
    try:
        parsed, _ = parse(f"SELECT {expression}")
    except SyntaxProblem:
        return None
    targets = (parsed[0].node.get("targetList") or []) if len(parsed) == 1 else []
    if len(targets) != 1:
        return None
    return _folded(targets[0].get("ResTarget", {}).get("val", {}))


def _folded(node: Node) -> str | None:
    """A string constant, or ``||`` of string constants, as one string."""
    if "A_Const" in node:
        value = node["A_Const"].get("sval", {}).get("sval")
        return value if isinstance(value, str) else None
    operator = node.get("A_Expr", {})
    names = [name.get("String", {}).get("sval") for name in operator.get("name") or ()]
    if operator.get("kind") != "AEXPR_OP" or names != ["||"]:
        return None
    left, right = _folded(operator.get("lexpr", {})), _folded(operator.get("rexpr", {}))
    return None if left is None or right is None else left + right


def _body_start(sql: str, location: int) -> int:
    """The character offset where the body string's content starts."""
    if location < 0 or location >= len(sql):
        match = _DOLLAR.search(sql)
        return match.end() if match else 0
    if not sql.isascii():
        location = len(sql.encode("utf-8")[:location].decode("utf-8", errors="ignore"))
    match = _DOLLAR.match(sql, location)
    if match:
        return match.end()
    return location + 1


def _statements(tree: Any) -> list[tuple[str, Node]]:
    """Every PL/pgSQL statement of the tree, in source order."""
    found: list[tuple[str, Node]] = []

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key.startswith("PLpgSQL_stmt_") and isinstance(inner, dict):
                    if key in _STATIC or key in _DYNAMIC:
                        found.append((key, inner))
                    if key == "PLpgSQL_stmt_fors" or key not in _STATIC:
                        visit(inner)
                elif key not in ("datums",):
                    visit(inner)
        elif isinstance(value, list):
            for inner in value:
                visit(inner)

    visit(tree)
    found.sort(key=lambda pair: int(pair[1].get("lineno", 0)))
    return found
