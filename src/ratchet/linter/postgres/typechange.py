"""Column type changes of the PostgreSQL lint: what a change of a column's type (and collation)
does to its values, judged per statement and, for a column changed more than once in a file,
from its type before the file to its type after it; and which enum labels a recreated type loses.

:class:`TypeChanges` is a part of :class:`ratchet.linter.postgres.check.FileChecker`, which
provides the catalog, the findings and the means to emit them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ratchet.linter.postgres.catalog import Catalog, display
from ratchet.linter.postgres.parse import Node, strings
from ratchet.linter.postgres.types import ColumnType, collation_of, judge_change

if TYPE_CHECKING:
    from ratchet.linter.postgres.check import PgFinding, _Piece

INFO = "info"


def _using_keeps_values(expression: Node | None, column: str, target: Any, catalog: Catalog) -> bool:
    """Whether an ``ALTER COLUMN ... TYPE ... USING`` expression only casts the column (through
    ``text`` or to the target type), so that the type change alone decides what happens to values."""
    node = expression
    while node and "TypeCast" in node:
        cast = node["TypeCast"]
        through, _ = catalog.column_type(cast.get("typeName", {}))
        if through != target and (through is None or through.name not in ("text", "varchar") or through.mods):
            return False
        node = cast.get("arg")
    if not node:
        return True
    fields = strings(node.get("ColumnRef", {}).get("fields"))
    return bool(fields) and fields[-1] == column


class TypeChanges:
    """The type-change rules of a file's checker (mixed into ``FileChecker``)."""

    if TYPE_CHECKING:  # what FileChecker provides
        findings: list[PgFinding]
        catalog: Catalog
        before: Catalog
        assumed: set[str]
        type_steps: dict[tuple[str, str], list[tuple[_Piece, int, list[PgFinding]]]]
        label_losses: list[tuple[PgFinding, str, str]]

        def _emit(
            self, piece: _Piece, offset: int, rule: str, message: str, obj: str | None = None, **extra: Any
        ) -> PgFinding: ...

        def _rewrite(self, piece: _Piece, offset: int, obj: str, what: str, advice: str = ...) -> None: ...

        def _column_is_new(self, table: str, column: str) -> bool: ...

    def _alter_type(self, piece: _Piece, key: str, column: str, cmd: Node, offset: int) -> None:
        if self._column_is_new(key, column):
            return
        definition = cmd.get("def", {}).get("ColumnDef", {})
        new_type, _ = self.catalog.column_type(definition.get("typeName", {}))
        relation = self.catalog.relations.get(key)
        known = relation.columns.get(column) if relation is not None else None
        old_type = known.type if known is not None and key not in self.assumed else None
        old_collation = known.collation if known is not None else None
        count = len(self.findings)
        computed = not _using_keeps_values(definition.get("raw_default"), column, new_type, self.catalog)
        self._judge_type(
            piece,
            offset,
            key,
            column,
            (old_type, old_collation),
            (new_type, collation_of(definition)),
            computed=computed,
        )
        self.type_steps.setdefault((key, column), []).append((piece, offset, self.findings[count:]))

    def _net_type_changes(self) -> None:
        """A column whose type the file changes more than once is judged from its type before the
        file to its type after it (an enum moved to text, recreated and moved back, as drizzle-kit
        writes it, is one change), at the last step; each step's table rewrite stays."""
        for (key, column), steps in self.type_steps.items():
            if len(steps) < 2:
                continue
            rewritten: list[tuple[_Piece, int]] = []  # steps judged a change: each rewrites the table
            for step_piece, step_offset, made in steps:
                for finding in made:
                    if finding.rule in ("alter-column-type", "widen-column-type") and finding in self.findings:
                        self.findings.remove(finding)
                        if finding.rule == "alter-column-type":
                            rewritten.append((step_piece, step_offset))
            before = self.before.relations.get(key)
            old = before.columns.get(column) if before is not None and key not in self.assumed else None
            relation = self.catalog.relations.get(key)
            new = relation.columns.get(column) if relation is not None else None
            if new is None:
                continue  # dropped later in the file: drop-column says so
            piece, offset, _ = steps[-1]
            count = len(self.findings)
            self._judge_type(
                piece,
                offset,
                key,
                column,
                (old.type if old is not None else None, old.collation if old is not None else None),
                (new.type, new.collation),
                before=self.before,
            )
            self.findings[count:] = [f for f in self.findings[count:] if f.rule != "table-rewrite"]
            if not any(f.rule == "alter-column-type" for f in self.findings[count:]):
                name = f"{display(key)}.{column}"
                for step_piece, step_offset in rewritten:
                    self._rewrite(step_piece, step_offset, name, f"this type change of {name} rewrites the table")

    def _judge_type(
        self,
        piece: _Piece,
        offset: int,
        key: str,
        column: str,
        old: tuple[ColumnType | None, str | None],
        new: tuple[ColumnType | None, str | None],
        before: Catalog | None = None,
        *,
        computed: bool = False,
    ) -> None:
        """The findings of a change of ``key.column`` from ``old`` to ``new`` (type, collation);
        ``before`` is the catalog that knows the old type's enum labels (default: the current one);
        ``computed``: a ``USING`` expression computes the new values (not a cast of the column)."""
        name = f"{display(key)}.{column}"
        (old_type, old_collation), (new_type, new_collation) = old, new
        verdict, rewrites = self._enum_change(old_type, new_type, before) or judge_change(old_type, new_type)
        if computed:
            verdict, rewrites = "change", True
        if old_type is not None and verdict != "change" and old_collation != new_collation:
            self._emit(
                piece,
                offset,
                "alter-column-type",
                f"changing the collation of {name} from {old_collation or 'the default'} to "
                f"{new_collation or 'the default'} changes how its values sort and compare (ORDER BY, ranges, LIKE, "
                "uniqueness under a nondeterministic collation) and rebuilds every index on it under an exclusive "
                f"lock; keep the column's collation and write COLLATE {new_collation or '...'} in the queries (or an "
                "index) that need it",
                name,
            )
            return
        if verdict == "same":
            return
        if verdict == "widen":
            self._emit(
                piece,
                offset,
                "widen-column-type",
                f"{name} widens from {old_type} to {new_type}: every value still fits",
                name,
                severity=INFO,
            )
            if rewrites:
                self._rewrite(piece, offset, name, f"changing {name} from {old_type} to {new_type} rewrites the table")
            return
        was = f"from {old_type} " if old_type is not None else "from a type the lint does not know "
        why = "can fail or change values"
        losing = False
        if computed:
            why = "computes new values with its USING expression"
        if old_type is not None and new_type is not None and old_type.name == "bpchar" and not new_type.array:
            if new_type.name in ("varchar", "text"):
                why = f"drops the trailing blanks {old_type} pads values with ('ab  ' is read back as 'ab')"
        elif (old_labels := self._enum_values(old_type, before)) is not None and (
            new_labels := self._enum_values(new_type)
        ) is not None:
            lost = [label for label in old_labels if label not in new_labels]
            why = (
                f"fails on rows labelled {', '.join(repr(label) for label in lost)}, which {new_type} lacks"
                if lost
                else f"reorders the labels (ORDER BY and comparisons of {name} change)"
            )
            if lost:
                losing = True
        finding = self._emit(
            piece,
            offset,
            "alter-column-type",
            f"changing the type of {name} {was}to {new_type} {why}, rewrites the table and breaks code that expects "
            "the old type; add a new column, backfill it, switch readers, then drop the old one",
            name,
        )
        if losing:
            self.label_losses.append((finding, key, column))

    def _enum_values(self, col_type: ColumnType | None, catalog: Catalog | None = None) -> tuple[str, ...] | None:
        """The labels of an enum column type that ``catalog`` (default: the current one) knows
        (``None`` for any other type)."""
        catalog = catalog or self.catalog
        if col_type is None or col_type.mods:
            return None
        info = catalog.types.get(catalog.resolve(col_type.name.split("."), catalog.types))
        return info.values if info is not None and info.kind == "enum" else None

    def _enum_change(
        self, old: ColumnType | None, new: ColumnType | None, before: Catalog | None = None
    ) -> tuple[str, bool] | None:
        """The verdict on a change from one enum to another (``None`` when either is no known enum):
        a widening when the new type has every label of the old in the same order (an enum
        recreated with a value more, as ORMs do), else a change."""
        old_values, new_values = self._enum_values(old, before), self._enum_values(new)
        if old is None or new is None or old_values is None or new_values is None or old.array != new.array:
            return None
        if old.name == new.name and old_values == new_values:
            return "same", False
        remaining = iter(new_values)
        kept = all(value in remaining for value in old_values)  # a subsequence: same labels, same order
        return ("widen", True) if kept else ("change", True)

    def _labels_lost_unreported(self, finding: PgFinding, key: str) -> bool:
        """Whether the enum ``key``, recreated in this file, lost labels that no column type change of
        the file reports; if so the drop's ``finding`` says which (code that writes them breaks)."""
        before, after = self.before.types.get(key), self.catalog.types.get(key)
        if before is None or after is None or before.kind != "enum" or after.kind != "enum":
            return False
        lost = [label for label in before.values if label not in after.values]
        if not lost or any(f in self.findings and self._type_of(t, c) == key for f, t, c in self.label_losses):
            return False
        labels = ", ".join(repr(label) for label in lost)
        message = (
            f"type {display(key)} is recreated without {labels}: code that writes them breaks; keep every label "
            "(add the new ones with ALTER TYPE ... ADD VALUE), or waive with a reason"
        )
        self.findings[self.findings.index(finding)] = finding._replace(message=message)
        return True

    def _type_of(self, table: str, column: str) -> str | None:
        """The catalog key of the type ``table.column`` has now (``None`` when unknown)."""
        relation = self.catalog.relations.get(table)
        known = relation.columns.get(column) if relation is not None else None
        if known is None or known.type is None:
            return None
        return self.catalog.resolve(known.type.name.split("."), self.catalog.types)
