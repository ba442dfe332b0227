"""The texts ``ratchet --help`` and each command's ``--help`` end with: examples, environment,
``[tool.ratchet]`` keys and exit codes (the CLI attaches them; nothing here prints)."""

from __future__ import annotations

from ratchet.config import setting_keys

# "\b" keeps click from re-wrapping the paragraph that follows it.
EXIT_CODES = """\b
Exit codes:
  0  success (also: nothing to do, database ahead of the files)
  1  a check failed: lint findings, validate drift, status --exit-code with work left
  2  usage or configuration error (option, URL, setting, missing driver)
  3  invalid migration files (names, encoding, headers, statements)
  4  refused by database state (edited or missing file, out of order, unfinished row, lock timeout)
  5  database error (connection failed, statement failed and rolled back)"""

ENVIRONMENT = """\b
Environment:
  RATCHET_DATABASE_URL   database URL (wins over DATABASE_URL)
  DATABASE_URL           database URL, when RATCHET_DATABASE_URL is not set
  RATCHET_MIGRATIONS     migrations directory
  NO_COLOR               no colour in lint output"""

#: command path (``"settings get"``) -> example lines shown at the end of its ``--help``.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "migrate": (
        "ratchet migrate                          # apply every pending file",
        "ratchet migrate --to 1.2.0 --dry-run     # print the SQL up to 1.2.0; change nothing",
        "ratchet migrate -d postgresql://app@db/app --json",
    ),
    "status": (
        "ratchet status",
        "ratchet status --json --exit-code        # exit 1 when files are pending or a row blocks migrate",
    ),
    "validate": ("ratchet validate                         # exit 1 on drift; nothing is applied",),
    "plan": ("ratchet plan --to 1.4.0                  # the SQL migrate would run, with guard decisions",),
    "new": (
        'ratchet new "add user bio"               # next minor version: migrations/1.5.0__add_user_bio.sql',
        'ratchet new "fix index" --patch',
    ),
    "baseline": ("ratchet baseline 1.3.0                   # adopt a database built without ratchet at 1.3.0",),
    "repair": (
        "ratchet repair 1.4.0 --retry             # after fixing the cause: run the remaining statements",
        "ratchet repair 1.4.0 --mark-applied      # finished by hand: record it as applied",
        "ratchet repair 1.4.0 --forget            # a failed file that committed nothing: run it again",
        'ratchet repair 1.4.0 --accept-checksum --reason "comment typo"',
    ),
    "wait": ("ratchet wait --timeout 30s && ratchet migrate   # in a container that starts before its database",),
    "lint": (
        "ratchet lint                             # the configured migrations directory",
        "ratchet lint --dialect postgresql --format github",
        "ratchet lint --git-base origin/main      # only files added or changed since the ref",
    ),
    # Commands of other branches (section 9), listed here so that they get their examples once merged.
    "diff": (
        "ratchet diff                             # schema changes made outside migrations (exit 1 on drift)",
        "ratchet diff --record                    # record the live schema after a reviewed change",
    ),
    "schema": (
        "ratchet schema -o schema.sql             # the schema as DDL, in a stable order",
        "ratchet schema --check -o schema.sql     # exit 1 when the file differs from the database",
    ),
    "settings": ("ratchet settings set theme dark", "ratchet settings list --json"),
    "settings get": ("ratchet settings get theme                # exit 1 when unset",),
    "settings set": ("ratchet settings set theme dark",),
    "settings list": ("ratchet settings list --json",),
}


def examples(path: str) -> str:
    """The ``Examples:`` paragraph of one command."""
    lines = "\n".join(f"  {line}" for line in EXAMPLES[path])
    return f"\b\nExamples:\n{lines}"


def main_epilog() -> str:
    """What ``ratchet --help`` ends with: environment, ``[tool.ratchet]`` keys, exit codes."""
    keys = ", ".join(setting_keys())
    configuration = (
        "\b\nConfiguration, first found wins: command-line options, environment, [tool.ratchet] in the nearest\n"
        "pyproject.toml (paths relative to that file), defaults (sqlite:///app.db, migrations/).\n"
        f"[tool.ratchet] keys: {keys}"
    )
    return "\n\n".join((ENVIRONMENT, configuration, EXIT_CODES))
