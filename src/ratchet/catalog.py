"""The normalised schema catalog: its fingerprint, its JSON form and the diff of two.

Each backend reads its catalog (``Backend.read_catalog``) as ``"kind name"`` -> attributes,
kinds being ``table``, ``column`` (``table.column``), ``index``, ``constraint``, ``view``,
``trigger``, ``routine``, ``sequence`` and ``type``. This module only compares them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

CatalogObjects = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Catalog:
    """A catalog and its fingerprint (SHA-256 of its canonical JSON)."""

    objects: CatalogObjects

    @cached_property
    def text(self) -> str:
        """Canonical JSON: sorted keys, no spaces; what the history row stores."""
        return json.dumps(self.objects, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 hex digest of :attr:`text`."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @classmethod
    def from_text(cls, text: str) -> Catalog:
        """The catalog stored in a history row."""
        objects = json.loads(text)
        if not isinstance(objects, dict):
            raise ValueError("a schema snapshot is a JSON object")
        return cls(objects)


@dataclass(frozen=True)
class Change:
    """One difference between the recorded catalog and the live one."""

    change: str  # added, dropped, altered
    kind: str
    name: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        details = f": {'; '.join(self.details)}" if self.details else ""
        return f"{self.kind} {self.name} {self.change}{details}"

    def as_dict(self) -> dict[str, Any]:
        """The change as ``diff --json`` shows it."""
        return {"change": self.change, "kind": self.kind, "name": self.name, "details": list(self.details)}


def _split(key: str) -> tuple[str, str]:
    kind, _, name = key.partition(" ")
    return kind, name


_SHOWN = 80
_CONTEXT = 20


def _describe(attribute: str, before: Any, after: Any) -> str:
    """``attribute OLD -> NEW``; long texts are cut to the part around their first difference."""
    old = "NULL" if before is None else str(before)
    new = "NULL" if after is None else str(after)
    if len(old) <= _SHOWN and len(new) <= _SHOWN:
        return f"{attribute} {old} -> {new}"
    same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    start = max(0, same - _CONTEXT)

    def cut(text: str) -> str:
        part = text[start : start + _SHOWN]
        return ("..." if start else "") + part + ("..." if start + _SHOWN < len(text) else "")

    return f"{attribute} {cut(old)} -> {cut(new)}"


def diff(recorded: Catalog, live: Catalog) -> list[Change]:
    """Every object added, dropped or altered since ``recorded``, ordered by kind and name.

    A table whose only change is its DDL text (SQLite keeps it in ``sqlite_master``) while
    its columns changed is not listed again: the column changes say it.
    """
    before, after = recorded.objects, live.objects
    changes: list[Change] = []
    for key in sorted(after.keys() - before.keys()):
        changes.append(Change("added", *_split(key)))
    for key in sorted(before.keys() - after.keys()):
        changes.append(Change("dropped", *_split(key)))
    changed_tables = {
        change.name.rsplit(".", 1)[0] for change in changes if change.kind == "column" and "." in change.name
    }
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key], after[key]
        if old == new:
            continue
        kind, name = _split(key)
        details = tuple(
            _describe(attribute, old.get(attribute), new.get(attribute))
            for attribute in sorted(old.keys() | new.keys())
            if old.get(attribute) != new.get(attribute)
        )
        if kind == "column":
            changed_tables.add(name.rsplit(".", 1)[0])
        changes.append(Change("altered", kind, name, details))
    changes = [
        change
        for change in changes
        if not (
            change.kind == "table"
            and change.change == "altered"
            and change.name in changed_tables
            and all(detail.startswith("sql ") for detail in change.details)
        )
    ]
    changes.sort(key=lambda change: (change.kind, change.name, change.change))
    return changes
