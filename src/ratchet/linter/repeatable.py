"""The ``repeatable-not-idempotent`` rule: a repeatable file runs again and again.

It may only (re)define code: ``CREATE OR REPLACE`` a view, function, procedure or trigger;
``DROP ... IF EXISTS`` followed later in the file by the ``CREATE`` of the same object;
``COMMENT``; ``GRANT``. Anything else fails, or does something again, on the next run.
The additive-only rules do not apply to repeatable files: replacing code is their purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ratchet.headers import Guards
from ratchet.linter.engine import Finding
from ratchet.linter.rules import RULES
from ratchet.linter.words import Word, iter_words
from ratchet.splitcheck import split_problems
from ratchet.statement import Statement, advance, statement_problems

RULE = "repeatable-not-idempotent"
#: CREATE/DROP object words -> the kind matched between a DROP and its CREATE.
_REDEFINABLE = {"VIEW": "view", "FUNCTION": "function", "PROCEDURE": "procedure", "TRIGGER": "trigger"}
_OTHER_OBJECTS = frozenset(
    {"TABLE", "INDEX", "SEQUENCE", "TYPE", "DOMAIN", "SCHEMA", "DATABASE", "EXTENSION", "EVENT", "AGGREGATE", "ROLE"}
    | {"USER", "RULE", "POLICY", "SERVER", "TABLESPACE", "CAST", "OPERATOR", "COLLATION", "PUBLICATION"}
)
_ALWAYS_SAFE = frozenset({"COMMENT", "GRANT"})
_LOOKAHEAD = 16
_HINT = "put it in a versioned file"


@dataclass(frozen=True)
class _Definition:
    verb: str  # CREATE or DROP
    kind: str | None  # view, function, procedure, trigger; None for another object
    word: str  # the object word as written (TABLE, VIEW, ...)
    name: str | None
    or_replace: bool
    if_exists: bool
    if_not_exists: bool


def _definition(words: list[Word]) -> _Definition | None:
    """What a CREATE or DROP statement defines, from its first words (``None``: neither)."""
    verb = words[0].upper
    if verb not in ("CREATE", "DROP"):
        return None
    head = words[1:_LOOKAHEAD]
    uppers = [word.upper for word in head if word.depth == 0]
    or_replace = "OR" in uppers and "REPLACE" in uppers
    for index, word in enumerate(head, start=1):
        if word.depth != 0:
            continue
        if word.upper in _REDEFINABLE or word.upper in _OTHER_OBJECTS:
            position = index + 1
            if_exists = _phrase(words, position, "IF", "EXISTS")
            if_not_exists = _phrase(words, position, "IF", "NOT", "EXISTS")
            position += 2 if if_exists else 3 if if_not_exists else 0
            name = _name_at(words, position)
            return _Definition(
                verb, _REDEFINABLE.get(word.upper), word.upper, name, or_replace, if_exists, if_not_exists
            )
    return _Definition(verb, None, "object", None, or_replace, False, False)


def _name_at(words: list[Word], start: int) -> str | None:
    """The (last part of a possibly qualified) name at ``words[start]``, lower-cased."""
    name = None
    index = start
    while index < len(words) and words[index].is_name_like:
        name = words[index].ident
        if index + 2 < len(words) and words[index + 1].text == ".":
            index += 2
            continue
        break
    return name


def _phrase(words: list[Word], start: int, *parts: str) -> bool:
    return start + len(parts) <= len(words) and all(words[start + k].upper == part for k, part in enumerate(parts))


def _problem(statement: Statement, words: list[Word], definitions: list[_Definition | None]) -> str | None:
    """Why the statement is not safe to run again, or ``None``."""
    verb = words[0].upper
    if verb in _ALWAYS_SAFE:
        return None
    number = statement.number
    definition = definitions[number - 1]
    if definition is None:
        return f"{verb} is not a (re)definition, so it runs again every time the file changes; {_HINT}"
    if definition.kind is None:
        what = definition.word if definition.word != "object" else "this object"
        return f"{definition.verb} {what} in a repeatable file fails or does nothing on the next run; {_HINT}"
    target = f"{definition.kind} {definition.name}"
    if definition.verb == "DROP":
        if not definition.if_exists:
            return (
                f"DROP {definition.word} {definition.name} without IF EXISTS fails where it does not exist yet "
                "(a fresh database); write DROP ... IF EXISTS"
            )
        recreated = any(
            later is not None
            and later.verb == "CREATE"
            and (later.kind, later.name) == (definition.kind, definition.name)
            for later in definitions[number:]
        )
        if not recreated:
            return f"{target} is dropped and not created again later in the file; {_HINT}"
        return None
    if definition.or_replace:
        return None
    if definition.if_not_exists:
        return (
            f"CREATE {definition.word} IF NOT EXISTS keeps the old {target} when the file changes; "
            "use CREATE OR REPLACE"
        )
    dropped = any(
        earlier is not None
        and earlier.verb == "DROP"
        and (earlier.kind, earlier.name) == (definition.kind, definition.name)
        for earlier in definitions[: number - 1]
    )
    if dropped:
        return None
    return (
        f"CREATE {definition.word} {definition.name} fails on the second run; use CREATE OR REPLACE, or "
        f"DROP {definition.word} IF EXISTS {definition.name} before it"
    )


def lint_repeatable(
    path: Path, guards: Guards, statements: list[Statement], *, text: str | None = None, dialect: str | None = None
) -> list[Finding]:
    """The findings of one repeatable file: statements that cannot run again, and the split
    problems (transaction control, ``DELIMITER``, and with the file's ``text`` and the ``dialect``
    it runs on, splits the engine reads differently) that make any file unrunnable."""
    findings: list[Finding] = []

    def emit(statement: Statement, rule: str, message: str) -> None:
        end_line, end_column = advance(statement.line, statement.column, statement.sql)
        severity = RULES[rule].severity
        findings.append(Finding(path, statement.line, statement.column, end_line, end_column, rule, severity, message))

    problems = statement_problems(path, statements, transactional=True)
    if text is not None and dialect is not None:
        problems += split_problems(path, text, statements, dialect)
    for problem in problems:
        statement = next((s for s in statements if s.line == problem.line), statements[0])
        emit(statement, problem.rule or "split-ambiguity", problem.message)
    all_words = [list(iter_words(statement)) for statement in statements]
    definitions = [_definition(words) if words else None for words in all_words]
    for statement, words in zip(statements, all_words, strict=True):
        if not words:
            continue
        message = _problem(statement, words, definitions)
        if message is not None:
            emit(statement, RULE, message)
    waiver = next((w for w in guards.waivers if w.rule == RULE), None)
    if waiver is not None:
        findings = [f._replace(waived=True, waiver_reason=waiver.reason) if f.rule == RULE else f for f in findings]
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return findings
