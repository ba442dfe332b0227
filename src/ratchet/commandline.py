"""The options of ``migrate`` and ``lint``, declared once, and the reader of their plain command lines.

``ratchet.cli`` builds click's options from these records, so click stays the one definition of
the command line. The console script's quick paths (``ratchet.uptodate`` for a ``migrate`` with
nothing to do, ``ratchet.quicklint`` for a plain ``lint``) run before click is imported: they read
the command line with :func:`read`, which accepts only what click reads the same way (each option
once, spelled as declared here, with a value click would accept) and declines everything else
(``--help``, an option marked ``quick=False``, ``-dURL``, ``--``, a repeated option), leaving that
run to click. Standard library only: importing ``typing`` or ``dataclasses`` here would cost the
no-op run more than reading its thousand files.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's, whose import costs the no-op run more than this module
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: How an option is read: a flag takes no value; the others take one.
FLAG = "flag"
TEXT = "text"
CHOICE = "choice"
COUNT = "count"  # a non-negative integer


class Option:
    """One option: its spellings, the keyword it fills, how it is read, and its ``--help`` line."""

    __slots__ = ("choices", "default", "help", "keyword", "kind", "metavar", "quick", "show_default", "spellings")

    def __init__(
        self,
        spellings: tuple[str, ...],
        keyword: str,
        kind: str,
        help: str,
        *,
        metavar: str | None = None,
        choices: Callable[[], tuple[str, ...]] | None = None,
        default: str | int | None = None,
        show_default: bool = False,
        quick: bool = True,
    ) -> None:
        self.spellings = spellings
        self.keyword = keyword
        self.kind = kind
        self.help = help
        self.metavar = metavar
        #: The allowed values of a ``CHOICE`` (a function: their module is imported only when asked).
        self.choices = choices
        self.default = default
        self.show_default = show_default
        #: Whether the quick paths may read it; ``False`` leaves every command line with it to click.
        self.quick = quick


def _dialect_names() -> tuple[str, ...]:
    from ratchet.dialects import NAMES

    return NAMES


def _lint_formats() -> tuple[str, ...]:
    from ratchet.linter.formats import FORMATS

    return FORMATS


DATABASE = Option(
    ("--database", "-d"),
    "database",
    TEXT,
    "Database URL [env RATCHET_DATABASE_URL; default sqlite:///app.db].",
    metavar="URL",
)
MIGRATIONS = Option(
    ("--migrations",),
    "migrations",
    TEXT,
    "Migrations directory [env RATCHET_MIGRATIONS; default migrations/].",
    metavar="DIR",
)
#: ``--database`` and ``--migrations``, taken by every command.
COMMON = (DATABASE, MIGRATIONS)

MIGRATE = (
    *COMMON,
    Option(("--to",), "to", TEXT, "Apply pending files up to and including VERSION.", metavar="VERSION", quick=False),
    Option(("--dry-run",), "dry_run", FLAG, "Print the SQL that would run; change nothing.", quick=False),
    Option(("--out-of-order",), "out_of_order", FLAG, "Also apply pending files older than db_version.", quick=False),
    Option(
        ("--single-transaction",),
        "single_transaction",
        FLAG,
        "All pending files in one transaction: all or nothing.",
        quick=False,
    ),
    Option(("--quiet", "-q"), "quiet", FLAG, "Print only errors."),
    Option(("--json",), "as_json", FLAG, "Print one JSON report.", quick=False),
    Option(
        ("--no-lint",), "no_lint", FLAG, "Apply without running the lint (warns; recorded in history).", quick=False
    ),
    Option(
        ("--rehearse",),
        "rehearse",
        FLAG,
        "Run the pending files and roll all of it back (PostgreSQL; SQLite on a copy); exit 1 if one fails.",
        quick=False,
    ),
)

LINT = (
    Option(("--migrations",), "migrations", TEXT, "Migrations directory when no PATH is given.", metavar="DIR"),
    Option(("--database", "-d"), "database", TEXT, "Only to pick the default dialect.", metavar="URL"),
    Option(
        ("--format",),
        "output_format",
        CHOICE,
        "Output format.",
        choices=_lint_formats,
        default="text",
        show_default=True,
    ),
    Option(("--dialect",), "dialect", CHOICE, "SQL dialect of the files.", choices=_dialect_names),
    Option(("--strict",), "strict", FLAG, "Warnings fail too."),
    Option(("--since",), "since", TEXT, "Lint only files newer than VERSION.", metavar="VERSION"),
    # git runs for it, and its errors are click's to explain.
    Option(
        ("--git-base",), "git_base", TEXT, "Lint only files added or changed since git REF.", metavar="REF", quick=False
    ),
    Option(("--all",), "include_all", FLAG, "Also show files grandfathered by lint-since."),
    Option(("--jobs",), "jobs", COUNT, "Worker processes (0: from the CPUs, for many files).", default=0),
)


def read(
    arguments: Sequence[str], options: Sequence[Option], *, takes_paths: bool
) -> tuple[list[str], dict[str, str], set[str]] | None:
    """The positional arguments, the option values (keyword -> value) and the flags given (their
    keywords) of a command line (the arguments after the command's name), or ``None`` when it is not one this
    reader reads exactly as click does; ``takes_paths``: whether the command takes positional paths."""
    spelled = {spelling: option for option in options if option.quick for spelling in option.spellings}
    positional: list[str] = []
    values: dict[str, str] = {}
    flags: set[str] = set()
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        position += 1
        if not argument.startswith("-"):
            if not takes_paths:
                return None
            positional.append(argument)
            continue
        # click reads "-dURL" and "-d=URL" as the value "URL" and "=URL": both left to it.
        name, equals, value = argument.partition("=") if argument.startswith("--") else (argument, "", "")
        option = spelled.get(name)
        if option is None or option.keyword in values or option.keyword in flags:
            return None  # --help, "-", "--", an unknown or slow option, a repeated one: click decides
        if option.kind == FLAG:
            if equals:
                return None
            flags.add(option.keyword)
            continue
        if not equals:
            if position == len(arguments):
                return None
            value = arguments[position]
            position += 1
        if not _acceptable(option, value):
            return None
        values[option.keyword] = value
    return positional, values, flags


def _acceptable(option: Option, value: str) -> bool:
    """Whether click would take ``value`` for ``option`` as it is (values like options are left to it)."""
    if not value or value.startswith("-"):
        return False
    if option.kind == CHOICE:
        return option.choices is not None and value in option.choices()
    if option.kind == COUNT:
        return value.isascii() and value.isdigit()
    return True
