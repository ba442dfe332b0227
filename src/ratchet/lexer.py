"""sqlparse's token stream, matched in C: the same ``(ttype, value)`` pairs, several times faster.

sqlparse's ``Lexer.get_tokens`` tries every regex of its ``_SQL_REGEX`` list in order at each
position, in Python, and keeps the first that matches. Python's alternation is ordered the same
way, so one compiled pattern ``(rx1)|(rx2)|...`` built from that very list, with the same flags
and matched at the same positions of the same string (look-behinds see the same text), picks the
same regex and the same match; ``lastindex`` names it (each wrapper group closes after any group
inside it). A last ``([\\s\\S])`` alternative is sqlparse's ``Error`` token for a character no
regex matches. To try fewer alternatives, the character at the position picks a smaller
alternation: the regexes whose match can begin with it (decided by sre itself on each regex's
first consuming nodes; when unsure, the regex stays in), still in sqlparse's order. A regex left
out cannot match there, so the first that matches is the same.

Everything else is sqlparse's own: its regex list and flags (read from the lexer instance, so
runtime customisation is honoured), its ``is_keyword`` with its keyword dictionaries, and its
pre-pass for dollar-quoted literals and ``/* */`` comments (``find_delimited_spans``), consulted,
as sqlparse does, only at positions the lexer actually reaches. Whatever cannot be combined safely
(a back-reference, which would point at the wrong group once combined; other flags; a
non-``re`` matcher; an unknown sqlparse layout) makes :func:`tokenize` return sqlparse's own
stream instead. ``tests/test_fastlex_differential.py`` proves the two streams identical.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlparse import keywords, tokens
from sqlparse.lexer import Lexer
from sqlparse.tokens import _TokenType
from sqlparse.utils import consume

TokenPair = tuple[_TokenType, str]
_FLAGS = re.IGNORECASE | re.UNICODE  # what sqlparse's Lexer.set_SQL_REGEX compiles with
# A numbered or named back-reference, or a group-conditional: group numbers shift once combined.
# Conservative (an escaped backslash before a digit also counts): a false alarm only costs speed.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")
# A global inline flag group such as ``(?i)``, which sre refuses anywhere but at the start of the
# whole pattern, so inside an alternation. Conservative like ``_GROUP_REFERENCE``.
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_SKIP = object()  # an action sqlparse neither yields nor keyword-processes: the text is consumed


@dataclass(frozen=True)
class _Combined:
    """Whether a lexer's regex list can be combined into one alternation, and per first character
    a smaller alternation of only the regexes that can start with it (compiled when first needed)."""

    source: tuple[Any, ...]
    combinable: bool
    starts: tuple[_FirstChars, ...] = ()  # per regex of ``source``
    by_char: dict[str, tuple[re.Pattern[str], tuple[object, ...]]] = field(default_factory=dict)
    by_choice: dict[tuple[int, ...], tuple[re.Pattern[str], tuple[object, ...]]] = field(default_factory=dict)
    default_rules: bool = False  # the list is sqlparse's own SQL_REGEX, not customised

    def for_char(self, char: str) -> tuple[re.Pattern[str], tuple[object, ...]]:
        """The alternation to try where the text holds ``char``: every regex that may start
        with it, in sqlparse's order, then the error token."""
        chosen = tuple(index for index, start in enumerate(self.starts) if start.may_start(char))
        built = self.by_choice.get(chosen)
        if built is None:
            built = _alternation([self.source[index] for index in chosen])
            assert built is not None  # a subset of a combinable list (see _combine)
            self.by_choice[chosen] = built
        self.by_char[char] = built
        return built


class _FirstChars:
    """Which characters a regex's match can begin with, as a superset (``None``: any)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.tests: list[re.Pattern[str]] | None = _first_tests(pattern)

    def may_start(self, char: str) -> bool:
        """Whether a match of the regex could begin with ``char`` (True when unsure)."""
        return self.tests is None or any(test.match(char) for test in self.tests)


def _first_tests(pattern: re.Pattern[str]) -> list[re.Pattern[str]] | None:
    """One compiled single-character pattern per node that can consume the first character, so
    that sre itself decides what it matches (case folding included); None if unsure."""
    try:
        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        tree = parser.parse(pattern.pattern, pattern.flags)
        nodes: list[Any] = []
        if _first_nodes(list(tree), nodes, parser):  # the whole regex may match the empty string
            return None
        return [compiler.compile(parser.SubPattern(tree.state, [node]), pattern.flags) for node in nodes]
    except Exception:  # _Unsure, or re's private modules changed: no dispatch for this regex, still exact
        return None


class _Unsure(Exception):
    """A regex construct :func:`_first_nodes` does not analyse."""


_SINGLE = frozenset({"LITERAL", "NOT_LITERAL", "IN", "ANY"})
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})  # ignoring a constraint keeps a superset
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def _first_nodes(sequence: list[Any], nodes: list[Any], parser: Any) -> bool:
    """Collect the nodes of ``sequence`` that can consume its first character; return whether
    the sequence can match the empty string."""
    for op, argument in sequence:
        name = str(op)
        if name in _SINGLE:
            nodes.append((op, argument))
            return False
        if name in _ZERO_WIDTH:
            continue
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, inner = argument
            if add_flags or del_flags:
                raise _Unsure(name)
            nullable = _first_nodes(list(inner), nodes, parser)
        elif name == "ATOMIC_GROUP":
            nullable = _first_nodes(list(argument), nodes, parser)
        elif name == "BRANCH":
            nullable = False
            for branch in argument[1]:
                nullable = _first_nodes(list(branch), nodes, parser) or nullable
        elif name in _REPEATS:
            low, _high, inner = argument
            nullable = _first_nodes(list(inner), nodes, parser) or low == 0
        else:
            raise _Unsure(name)
        if not nullable:
            return False
    return True


def _alternation(source: list[Any]) -> tuple[re.Pattern[str], tuple[object, ...]] | None:
    """``(rx1)|(rx2)|...|([\\s\\S])`` and the action of each group, or None if not combinable."""
    parts: list[str] = []
    actions: list[object] = [None]
    for rexmatch, action in source:
        compiled = rexmatch.__self__
        parts.append(f"({compiled.pattern})")
        if isinstance(action, _TokenType) or action is keywords.PROCESS_AS_KEYWORD:
            actions.append(action)
        else:
            actions.append(_SKIP)
        actions.extend([None] * compiled.groups)
    parts.append(r"([\s\S])")
    actions.append(tokens.Error)
    try:
        pattern = re.compile("|".join(parts), _FLAGS)
    except re.error:  # e.g. a global inline flag in the middle of the alternation
        return None
    if pattern.groups != len(actions) - 1:
        return None
    return pattern, tuple(actions)


_cache: list[_Combined] = []


def _combine(source: tuple[Any, ...]) -> _Combined:
    """Whether every alternation of regexes of ``source`` compiles, decided without compiling the
    whole one (a fifth of the lexer's start-up): each regex compiled alone with the same flags, so
    what can still break their alternation is a global inline flag (refused past the start) or a
    group name used twice (the parser refuses both); a back-reference would point at the wrong
    group. Any of them, or a matcher that is not a compiled pattern's ``match``: sqlparse's lexer."""
    names: set[str] = set()
    for rexmatch, _action in source:
        compiled = getattr(rexmatch, "__self__", None)
        if (
            not isinstance(compiled, re.Pattern)
            or getattr(rexmatch, "__name__", None) != "match"
            or not isinstance(compiled.pattern, str)
            or compiled.flags != _FLAGS
            or _GROUP_REFERENCE.search(compiled.pattern)
            or _GLOBAL_FLAGS.search(compiled.pattern)
            or not names.isdisjoint(compiled.groupindex)
        ):
            return _Combined(source, False)
        names.update(compiled.groupindex)
    starts = tuple(_FirstChars(rexmatch.__self__) for rexmatch, _action in source)
    default_rules = [(rexmatch.__self__.pattern, action) for rexmatch, action in source] == list(keywords.SQL_REGEX)
    return _Combined(source, True, starts, default_rules=default_rules)


def _combined_for(lexer: Lexer) -> _Combined:
    """The alternation for the lexer's current regex list, rebuilt only when the list changed."""
    source = tuple(lexer._SQL_REGEX)
    if not _cache or _cache[0].source != source:
        _cache[:] = [_combine(source)]
    return _cache[0]


def tokenize(text: str) -> Iterator[TokenPair]:
    """The ``(ttype, value)`` stream of ``sqlparse.lexer.tokenize(text)`` for a ``str``."""
    scanner = Scanner.of(text)
    if scanner is None:
        return iter(Lexer.get_default_instance().get_tokens(text))  # type: ignore[no-untyped-call]
    return scanner.tokens(0)


class Scanner:
    """The combined-regex lexer over one text; it can start at any position sqlparse's lexer
    reaches (a token boundary), lexing from there exactly as sqlparse does in the whole text."""

    def __init__(self, text: str, combined: _Combined, is_keyword: Callable[[str], TokenPair], spans: Any) -> None:
        self.text = text
        self.combined = combined
        self.is_keyword = is_keyword
        self.spans = spans
        self.looked_up: dict[str, TokenPair] = {}
        self.default_rules = combined.default_rules

    @classmethod
    def of(cls, text: str) -> Scanner | None:
        """A scanner for ``text``, or None where only sqlparse's own lexer is exact."""
        lexer = Lexer.get_default_instance()  # type: ignore[no-untyped-call]
        combined = _combined_for(lexer)
        find_spans: Callable[[str], Any] | None = getattr(keywords, "find_delimited_spans", None)
        if not combined.combinable or find_spans is None:
            return None
        return cls(text, combined, lexer.is_keyword, find_spans(text))

    def tokens(self, start: int) -> Iterator[TokenPair]:
        """The tokens from offset ``start`` to the end."""
        text, spans, is_keyword, looked_up = self.text, self.spans, self.is_keyword, self.looked_up
        openers: dict[int, Any] = spans.openers
        by_char = self.combined.by_char
        for_char = self.combined.for_char
        keyword = keywords.PROCESS_AS_KEYWORD
        position, length = start, len(text)
        while position < length:
            if openers and position in openers:
                resolved = spans.resolve(position)
                if resolved is not None:  # a closed span is one token
                    end, ttype = resolved
                    yield ttype, text[position:end]
                    position = end
                    continue
            char = text[position]
            pattern, actions = by_char.get(char) or for_char(char)
            match = pattern.match(text, position)
            assert match is not None  # the last alternative matches any character
            action = actions[match.lastindex]  # type: ignore[index]
            value = match.group()
            if action is keyword:
                pair = looked_up.get(value)
                if pair is None:
                    pair = looked_up[value] = is_keyword(value)
                yield pair
            elif action is not _SKIP:
                yield action, value  # type: ignore[misc]
            if not value:  # sqlparse fails on an empty match (consume(-1)); fail the same way
                consume(iter(()), -1)  # type: ignore[no-untyped-call]
            position = match.end()
