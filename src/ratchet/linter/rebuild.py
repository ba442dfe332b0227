"""What a table rebuild is: the one definition the lint and the runner share.

The seed's safe rebuild of table ``t`` creates ``new``, copies the rows, drops ``t`` and
renames ``new`` to ``t``. Many histories (Android apps, Go servers) rename first instead: ``t``
to ``t_old``, create ``t``, copy from ``t_old``, drop ``t_old``; older ones take the SQLite FAQ's
way, through a backup: copy ``t`` into ``b``, drop ``t``, create it, copy ``b`` back, drop ``b``.
The same rows end in the same place, so these are rebuilds too. The lint verifies the copies and
what the new table keeps; the runner wraps the file in the backend's rebuild procedure (SQLite's
12 steps: foreign keys off before ``BEGIN``, ``foreign_key_check`` before ``COMMIT``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ratchet.linter.classify import Classified, classify, copy_info, sets_foreign_keys_off
from ratchet.split import not_in_runs
from ratchet.statement import Statement


@dataclass(frozen=True)
class Copy:
    """One copy of a rebuild's rows: into ``target`` from ``source``, by a statement numbered
    between ``after`` and ``before`` (exclusive)."""

    target: str
    source: str
    after: int
    before: int


@dataclass(frozen=True)
class Rebuild:
    """One table rebuild in a file."""

    drop: Classified  # the DROP TABLE whose drop-table the rebuild answers for
    table: str
    rename: int  # the number of the renaming statement (0: none)
    before: int  # the statement before which ``table`` is still the one the earlier files left
    copies: tuple[Copy, ...]  # the rows' way, in order: the last copy fills the rebuilt table


def find_rebuilds(classified: list[Classified]) -> list[Rebuild]:
    """Each table rebuild: a table dropped (one this file did not create) and, later, another
    table renamed to its name that exists at the drop (created before it, here or by an earlier
    file: a rebuild split over two files is one too, and the runner's 12 steps must cover it);
    then each rebuild that renames first, and each through a backup copy (see the module)."""
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
            number = item.statement.number
            copy = Copy(rename.renamed_table[0], table, 0, number)
            found.append(Rebuild(item, table, rename.statement.number, number, (copy,)))
    return found + _renamed_first(classified, created) + _through_a_backup(classified, created)


def made_here(classified: list[Classified], may_exist: Callable[[str], bool]) -> None:
    """Count as the file's own creation each ``CREATE TABLE IF NOT EXISTS`` of a scratch copy: a
    table that cannot exist before the file, that takes the rows of a table the file drops, and
    that the file drops or renames away itself (Sequelize makes its ``X_backup`` tables so). A
    rebuild may copy through it, and dropping it loses nothing that was there before."""
    dropped = {table for item in classified for table in item.dropped_tables}
    gone = dropped | {item.renamed_table[0] for item in classified if item.renamed_table}
    for item in classified:
        new = [
            (kind, name)
            for kind, name in item.maybe_existing
            if kind == "table"
            and name in gone
            and not may_exist(name)
            and _fed_from(name, dropped - {name}, classified)
        ]
        if new:
            item.creates = (*item.creates, *new)
            item.maybe_existing = tuple(entry for entry in item.maybe_existing if entry not in new)


def _fed_from(target: str, sources: set[str], classified: list[Classified]) -> bool:
    """Whether an ``INSERT INTO target ... SELECT`` of the file, or the ``CREATE TABLE IF NOT EXISTS
    target AS SELECT`` itself, reads one of ``sources``."""
    return any(
        (item.insert_target == target or ("table", target) in item.maybe_existing)
        and any(copy_info(item.statement, source).reads_source for source in sources)
        for item in classified
    )


def _made_again(table: str, later: list[Classified]) -> int | None:
    """The position in ``later`` of the first ``CREATE TABLE table``."""
    return next(
        (at for at, c in enumerate(later) if ("table", table) in c.creates or ("table", table) in c.maybe_existing),
        None,
    )


def _renamed_first(classified: list[Classified], created: dict[str, int]) -> list[Rebuild]:
    """Each rebuild that renames first: an existing ``t`` renamed to ``old``, then ``t`` created,
    then ``old`` dropped."""
    found: list[Rebuild] = []
    for position, item in enumerate(classified):
        if item.renamed_table is None:
            continue
        table, old = item.renamed_table
        if created.get(table, item.statement.number) < item.statement.number:  # new in this file
            continue
        later = classified[position + 1 :]
        made = _made_again(table, later)
        if made is None:
            continue
        drop = next((c for c in later[made + 1 :] if old in c.dropped_tables), None)
        if drop is not None:
            number = item.statement.number
            found.append(Rebuild(drop, table, number, number, (Copy(table, old, number, drop.statement.number),)))
    return found


def _through_a_backup(classified: list[Classified], created: dict[str, int]) -> list[Rebuild]:
    """Each rebuild through a backup copy (the SQLite FAQ's way to drop a column): an existing
    ``t`` dropped and created again, its rows copied back from a table this file made before
    the drop (the backup, often ``TEMPORARY``), and the backup dropped after that."""
    found: list[Rebuild] = []
    for position, item in enumerate(classified):
        number = item.statement.number
        for table in item.dropped_tables:
            if created.get(table, number) < number:  # new in this file
                continue
            later = classified[position + 1 :]
            made = _made_again(table, later)
            if made is None:
                continue
            backups = [name for name, at in created.items() if at < number and name != table]
            for back in (c for c in later[made + 1 :] if c.insert_target == table):
                backup = next((name for name in backups if copy_info(back.statement, name).reads_source), None)
                end = next((c for c in later if backup in c.dropped_tables), None) if backup else None
                if backup is not None and end is not None and end.statement.number > back.statement.number:
                    copies = (
                        Copy(backup, table, 0, number),
                        Copy(table, backup, later[made].statement.number, end.statement.number),
                    )
                    found.append(Rebuild(item, table, 0, number, copies))
                    break
    return found


def is_table_rebuild(statements: Sequence[Statement], dialect: str) -> bool:
    """Whether the file rebuilds a table (:func:`find_rebuilds`). Statements are classified only
    when the file holds a DROP TABLE and an ALTER or RENAME, or a CREATE after the DROP: most files do not."""
    dropped = renamed = False
    for statement in not_in_runs(statements):
        if statement.plain:  # a plain INSERT line, the bulk of a data file
            continue
        head = statement.sql[:6].upper()  # cheap: most statements of a big file are neither
        if head.startswith("DROP") and statement.first_words(2) == ["DROP", "TABLE"]:
            dropped = True
        elif head.startswith(("ALTER", "RENAME")):
            renamed = True
        elif not (dropped and head.startswith("CREATE")):  # after a drop: the table again, from a backup
            continue
        if dropped and (renamed or head.startswith("CREATE")):  # a rebuild may rename first
            return bool(find_rebuilds([classify(s, dialect) for s in statements]))
    return False


def turns_foreign_keys_off(statements: Sequence[Statement]) -> bool:
    """Whether the file runs ``PRAGMA foreign_keys = OFF`` (Prisma writes it around a ``DROP TABLE``,
    dumps open with it). Inside the file's transaction the pragma does nothing, so the runner
    turns them off before ``BEGIN`` instead, as for a rebuild, and checks them before ``COMMIT``."""
    return any(
        statement.sql[:6].upper() == "PRAGMA" and sets_foreign_keys_off(statement)
        for statement in not_in_runs(statements)
        if not statement.plain
    )
