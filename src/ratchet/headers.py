"""Parse and validate the ``-- guard:`` header of a migration file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from ratchet import dialects
from ratchet.errors import FileProblem, MigrationFileError
from ratchet.guardword import mentions_guard
from ratchet.lazyre import LazyPattern

KEYWORDS = ("allow", "no-transaction", "require", "skip-if", "dialect", "lock-timeout")
_GUARD_LINE = LazyPattern(r"^[ \t]*--[ \t]*guard\b(?P<colon>[ \t]*:)?(?P<rest>.*)$", re.IGNORECASE | re.MULTILINE)
# In UTF-8 bytes: the "--" of every line _GUARD_LINE matches, and a few more (one not at the start
# of its line, a non-ASCII letter after "guard", a word boundary for bytes); each line found is
# decoded and matched by _GUARD_LINE itself. It starts with "--", which the regex engine finds with
# a fast literal search (a "^" in multi-line mode is tried at every position of a large file).
_GUARD_LINE_BYTES = LazyPattern(rb"--[ \t]*guard\b", re.IGNORECASE)
_DURATION = LazyPattern(r"^(?P<amount>[0-9]+(?:\.[0-9]+)?)(?P<unit>ms|s|m)$")
_UNIT_MS = {"ms": 1, "s": 1000, "m": 60_000}
_OBJECT = LazyPattern(r"^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$")
# A guard query's tokens, read so that nothing hides from the check: a quote always ends a
# string (a backslash escapes nothing), comments do not nest, ``--`` is a comment only before
# a blank (MySQL's rule), ``$$`` quotes nothing and an unclosed quote or comment hides nothing.
# Whatever any database reads as code, this reads as code too.
_GUARD_TOKEN = LazyPattern(
    r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|--(?:\s.*)?$|(?P<executable>/\*!)"""
    r"""|/\*[\s\S]*?\*/|(?P<word>[A-Za-z_][A-Za-z0-9_$]*)|(?P<semicolon>;)|\S""",
    re.MULTILINE,
)
_READ_ONLY_STARTS = frozenset({"SELECT", "VALUES", "WITH"})
# Inside a SELECT, VALUES or WITH only these make it write: a data-modifying CTE, SELECT INTO (a
# new table; MySQL: a file or variables), sequence functions, and row locks (FOR UPDATE/SHARE).
_WRITING_WORDS = frozenset({"INSERT", "UPDATE", "DELETE", "MERGE", "INTO", "NEXTVAL", "SETVAL"})
_LOCKING_AFTER_FOR = frozenset({"UPDATE", "SHARE", "NO", "KEY"})


class Waiver(NamedTuple):
    """``-- guard: allow RULE[:OBJECT] reason="..."``: waive RULE for the file or one object."""

    rule: str
    object: str | None
    reason: str
    line: int

    def as_dict(self) -> dict[str, str | int | None]:
        """The waiver as stored in ``schema_history.waivers``."""
        return {"rule": self.rule, "object": self.object, "reason": self.reason, "line": self.line}


class GuardQuery(NamedTuple):
    """A ``require`` or ``skip-if`` query with the line it was written on."""

    sql: str
    line: int


class Guards(NamedTuple):
    """Everything a file's header asks for."""

    waivers: tuple[Waiver, ...] = ()
    no_transaction: bool = False
    requires: tuple[GuardQuery, ...] = ()
    skip_ifs: tuple[GuardQuery, ...] = ()
    dialects: frozenset[str] | None = None
    lock_timeout_ms: int | None = None

    def applies_to(self, dialect: str) -> bool:
        """Whether the ``dialect`` guard (if any) admits ``dialect``."""
        return self.dialects is None or dialect in self.dialects


def header_line_count(text: str | bytes) -> int:
    """Number of leading lines that are blank or ``--`` comments (of a text, or of its UTF-8 bytes:
    only the lines read are decoded)."""
    count = 0
    start = 0
    newline = "\n" if isinstance(text, str) else b"\n"
    while start <= len(text):
        end = text.find(newline, start)  # type: ignore[arg-type]
        line = text[start:] if end == -1 else text[start:end]
        stripped = (line if isinstance(line, str) else line.decode("utf-8")).strip()
        if stripped and not stripped.startswith("--"):
            break
        count += 1
        if end == -1:
            break
        start = end + 1
    return count


def read_only_problem(sql: str) -> str | None:
    """Why ``sql`` is not one read-only statement (``SELECT``, ``VALUES``, or ``WITH`` without a
    data-modifying part), or ``None``. ``SELECT ... FOR UPDATE``/``FOR SHARE`` is refused too: a
    precondition has no business locking rows the migration does not say it locks."""
    words: list[str] = []
    ended = False
    for match in _GUARD_TOKEN.finditer(sql):
        token = match.group()
        if token.startswith(("--", "/*")) and not match["executable"]:
            continue
        if ended:
            return "it holds more than one statement; a guard is one query"
        if match["semicolon"]:
            ended = True
            continue
        if match["executable"]:
            return "a MySQL executable comment /*! ... */ runs SQL; write the query out"
        if not match["word"]:
            words.append("")
            continue
        word = token.upper()
        if not words and word not in _READ_ONLY_STARTS:
            return f"it starts with {word}, not SELECT, VALUES or WITH"
        if word in _WRITING_WORDS and not (word == "UPDATE" and words and words[-1] == "FOR"):
            return f"it can write ({word}); a guard only reads"
        if words and words[-1] == "FOR" and word in _LOCKING_AFTER_FOR:
            return f"FOR {word} locks rows; a guard only reads"
        words.append(word)
    if not words:
        return "it holds no query"
    if words[0] not in _READ_ONLY_STARTS:
        return "it does not start with SELECT, VALUES or WITH"
    return None


#: The longest timeout ratchet accepts (2^31-1 ms, about 24.8 days): PostgreSQL's
#: ``lock_timeout`` cannot hold more, so no backend is given a bound another would refuse.
MAX_TIMEOUT_MS = 2_147_483_647
MAX_TIMEOUT_TEXT = "35791m (about 24.8 days)"


def parse_duration_ms(value: str) -> int | None:
    """``5s`` / ``500ms`` / ``2m`` in milliseconds, or ``None`` when malformed; anything longer
    than :data:`MAX_TIMEOUT_MS` (which callers refuse) comes back as ``MAX_TIMEOUT_MS + 1``."""
    match = _DURATION.match(value.strip())
    if match is None:
        return None
    milliseconds = float(match["amount"]) * _UNIT_MS[match["unit"]]  # inf for a 400-digit amount
    return int(milliseconds) if milliseconds <= MAX_TIMEOUT_MS else MAX_TIMEOUT_MS + 1


class _HeaderParser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[FileProblem] = []
        self.waivers: list[Waiver] = []
        self.requires: list[GuardQuery] = []
        self.skip_ifs: list[GuardQuery] = []
        self.no_transaction = False
        self.dialects: frozenset[str] | None = None
        self.lock_timeout_ms: int | None = None

    def problem(self, line: int, message: str, rule: str = "guard-invalid") -> None:
        self.problems.append(FileProblem(self.path, message, line=line, column=1, rule=rule))

    def guard(self, line: int, rest: str) -> None:
        keyword, argument = _first_word(rest)
        keyword = keyword.lower()
        if keyword not in KEYWORDS:
            import difflib  # only for the error message: 2.4M instructions on the no-op path (uptodate)

            nearest = difflib.get_close_matches(keyword, KEYWORDS, n=1, cutoff=0.0)
            suggestion = f"; did you mean '{nearest[0]}'?" if nearest else ""
            self.problem(line, f"unknown guard '{keyword}'{suggestion}", "guard-unknown")
            return
        handler = {
            "allow": self.allow,
            "no-transaction": self.no_tx,
            "require": self.require,
            "skip-if": self.skip_if,
            "dialect": self.dialect,
            "lock-timeout": self.lock_timeout,
        }[keyword]
        handler(line, argument)

    def allow(self, line: int, argument: str) -> None:
        target, rest = _first_word(argument)
        if not target:
            self.problem(line, 'allow needs a rule: -- guard: allow RULE[:OBJECT] reason="..."')
            return
        rule, _, obj = target.partition(":")
        if obj and not _OBJECT.match(obj):
            self.problem(line, f"allow: '{obj}' is not a table or table.column name")
            return
        reason = self._reason(line, rest.strip())
        if reason is None:
            return
        self.waivers.append(Waiver(rule.lower(), obj.lower() or None, reason, line))

    def _reason(self, line: int, text: str) -> str | None:
        missing = 'waiver needs a reason: -- guard: allow RULE reason="why this is safe"'
        if not text.startswith("reason="):
            self.problem(line, missing, "waiver-missing-reason")
            return None
        import shlex  # only files with a waiver need it: 0.6M instructions on the no-op path (uptodate)

        try:
            parts = shlex.split(text[len("reason=") :])
        except ValueError:
            self.problem(line, 'allow: unterminated reason; close the quote: reason="..."')
            return None
        reason = " ".join(parts).strip()
        if len(parts) != 1 or not reason:
            self.problem(line, missing, "waiver-missing-reason")
            return None
        return reason

    def no_tx(self, line: int, argument: str) -> None:
        if argument:
            self.problem(line, f"no-transaction takes no argument, got '{argument}'")
        self.no_transaction = True

    def require(self, line: int, argument: str) -> None:
        if not argument:
            self.problem(line, "require needs a query: -- guard: require SELECT ...")
            return
        if self._read_only(line, "require", argument):
            self.requires.append(GuardQuery(argument, line))

    def skip_if(self, line: int, argument: str) -> None:
        if not argument:
            self.problem(line, "skip-if needs a query: -- guard: skip-if SELECT ...")
            return
        if self._read_only(line, "skip-if", argument):
            self.skip_ifs.append(GuardQuery(argument, line))

    def _read_only(self, line: int, keyword: str, query: str) -> bool:
        problem = read_only_problem(query)
        if problem is not None:
            self.problem(
                line,
                f"{keyword}: a guard query must be one read-only statement (SELECT, VALUES, or WITH without a "
                f"data-modifying part), but {problem}; put changes in the migration's statements",
            )
        return problem is None

    def dialect(self, line: int, argument: str) -> None:
        names = argument.replace(",", " ").lower().split()
        unknown = [name for name in names if name not in dialects.NAMES]
        if not names or unknown:
            shown = ", ".join(unknown) if unknown else "nothing"
            self.problem(line, f"dialect: unknown {shown}; use any of {', '.join(dialects.NAMES)}")
            return
        self.dialects = frozenset(names) | (self.dialects or frozenset())

    def lock_timeout(self, line: int, argument: str) -> None:
        milliseconds = parse_duration_ms(argument)
        if milliseconds is None:
            self.problem(line, f"lock-timeout: '{argument}' is not a duration like 5s, 500ms or 2m")
            return
        if milliseconds == 0:
            self.problem(line, "lock-timeout: 0 would mean 'wait forever' on PostgreSQL; give a positive duration")
            return
        if milliseconds > MAX_TIMEOUT_MS:
            self.problem(
                line, f"lock-timeout: '{argument}' is longer than PostgreSQL allows; give at most {MAX_TIMEOUT_TEXT}"
            )
            return
        self.lock_timeout_ms = milliseconds


def _guard_lines(text: str | bytes) -> Iterator[tuple[int, re.Match[str]]]:
    """Every ``-- guard`` line: its 1-based number and its match of ``_GUARD_LINE``."""
    if isinstance(text, str):
        for match in _GUARD_LINE.finditer(text):
            yield text.count("\n", 0, match.start()) + 1, match
        return
    seen = -1  # the line start last read: a line holding "-- guard" twice is read once
    for found in _GUARD_LINE_BYTES.finditer(text):
        start = text.rfind(b"\n", 0, found.start()) + 1
        if start == seen:
            continue
        seen = start
        end = text.find(b"\n", start)
        line = _GUARD_LINE.match(text[start : len(text) if end < 0 else end].decode("utf-8"))
        if line is not None:
            yield text.count(b"\n", 0, start) + 1, line


def _first_word(text: str) -> tuple[str, str]:
    """``("word", "rest")`` split at the first run of spaces or tabs."""
    parts = text.strip().split(None, 1)
    return (parts[0], parts[1].strip()) if len(parts) == 2 else (parts[0] if parts else "", "")


def _looks_like_guard(rest: str) -> bool:
    """``-- guard require ...`` (colon forgotten), but not prose such as ``-- guard against nulls``."""
    import difflib  # only comment lines starting "guard" without a colon need it (2.4M instructions)

    word, _ = _first_word(rest)
    return bool(difflib.get_close_matches(word.lower(), KEYWORDS, n=1, cutoff=0.8))


def parse_guards(path: Path, text: str | bytes) -> Guards:
    """Parse the header of ``text``; raise :class:`MigrationFileError` listing every problem."""
    guards, problems = read_guards(path, text)
    if problems:
        raise MigrationFileError(problems)
    return guards


def read_guards(path: Path, text: str | bytes) -> tuple[Guards, list[FileProblem]]:
    """The header of ``text`` (or of its UTF-8 bytes) without its bad lines, and every problem (the
    lint reports a waiver without a reason and still lints the file with the other guards)."""
    if not mentions_guard(text):  # no guard line at all, as in most files: the empty header
        return Guards(), []
    parser = _HeaderParser(path)
    header_lines = header_line_count(text)
    for number, match in _guard_lines(text):
        if match["colon"] is None:
            if _looks_like_guard(match["rest"]):
                keyword, argument = _first_word(match["rest"])
                suggestion = f"-- guard: {keyword} {argument}".strip()
                parser.problem(number, f"guard without its colon; write '{suggestion}'")
            continue
        if number > header_lines:
            parser.problem(
                number,
                "guard outside the header; move it into the leading comment block before the first statement",
                "guard-misplaced",
            )
            continue
        parser.guard(number, match["rest"])
    guards = Guards(
        waivers=tuple(parser.waivers),
        no_transaction=parser.no_transaction,
        requires=tuple(parser.requires),
        skip_ifs=tuple(parser.skip_ifs),
        dialects=parser.dialects,
        lock_timeout_ms=parser.lock_timeout_ms,
    )
    return guards, parser.problems
