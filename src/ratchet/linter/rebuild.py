"""Spot the seed's table rebuild cheaply, for the runner's SQLite 12-step procedure."""

from __future__ import annotations

from ratchet.split import Statement


def is_table_rebuild(statements: list[Statement]) -> bool:
    """Whether the file drops a table and later renames another table (the rebuild's last step)."""
    dropped = False
    for statement in statements:
        if statement.plain:  # a plain INSERT line, the bulk of a data file
            continue
        head = statement.sql[:5].upper()  # cheap: most statements of a big file are neither
        if head.startswith("DROP") and statement.first_words(2) == ["DROP", "TABLE"]:
            dropped = True
        elif dropped and head == "ALTER":
            words = statement.first_words(5)
            if words[:2] == ["ALTER", "TABLE"] and words[3:4] == ["RENAME"]:
                return True
    return False
