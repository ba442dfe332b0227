"""What a table rebuild is: the one definition the lint and the runner share.

The seed's safe rebuild of table ``t`` creates ``new``, copies the rows, drops ``t`` and
renames ``new`` to ``t``. The lint verifies the copy and what the new table keeps; the runner
wraps the file in the backend's rebuild procedure (SQLite's 12 steps: foreign keys off before
``BEGIN``, ``foreign_key_check`` before ``COMMIT``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ratchet.linter.classify import Classified, classify
from ratchet.split import not_in_runs
from ratchet.statement import Statement


@dataclass(frozen=True)
class Rebuild:
    """One table rebuild in a file."""

    drop: Classified  # the DROP TABLE of the rebuilt table
    table: str
    new: str  # the table renamed to ``table``
    rename: int  # the number of the renaming statement


def find_rebuilds(classified: list[Classified]) -> list[Rebuild]:
    """Each table rebuild: a table dropped (one this file did not create) and, later, another
    table renamed to its name that exists at the drop (created before it, here or by an earlier
    file: a rebuild split over two files is one too, and the runner's 12 steps must cover it)."""
    found: list[Rebuild] = []
    created: dict[str, int] = {}
    for item in classified:
        for kind, name in item.creates:
            if kind == "table":
                created.setdefault(name, item.statement.number)
    for position, item in enumerate(classified):
        for table in item.dropped_tables:
            if table in created and created[table] < item.statement.number:
                continue
            rename = next(
                (
                    later
                    for later in classified[position + 1 :]
                    if later.renamed_table
                    and later.renamed_table[1] == table
                    and created.get(later.renamed_table[0], 0) < item.statement.number
                ),
                None,
            )
            if rename is None or rename.renamed_table is None:
                continue
            found.append(Rebuild(item, table, rename.renamed_table[0], rename.statement.number))
    return found


def is_table_rebuild(statements: Sequence[Statement], dialect: str) -> bool:
    """Whether the file rebuilds a table (:func:`find_rebuilds`). Statements are classified only
    when a DROP TABLE is followed by an ALTER or RENAME: most files are neither."""
    dropped = False
    for statement in not_in_runs(statements):
        if statement.plain:  # a plain INSERT line, the bulk of a data file
            continue
        head = statement.sql[:6].upper()  # cheap: most statements of a big file are neither
        if head.startswith("DROP") and statement.first_words(2) == ["DROP", "TABLE"]:
            dropped = True
        elif dropped and head.startswith(("ALTER", "RENAME")):
            return bool(find_rebuilds([classify(s, dialect) for s in statements]))
    return False
