"""MySQL column definitions for the lint, read from the words of each statement.

MySQL's ``MODIFY`` and ``CHANGE`` restate a whole column: type, nullability and default. What
such a statement does is only known against the column as it was, so this module keeps a model
of every table's columns, replayed from the earlier files' ``CREATE TABLE`` and ``ALTER TABLE``
statements, and says what a restatement changes: a widening that keeps every value, another
type change, a dropped ``NOT NULL`` or default, or a column that becomes ``NOT NULL``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from ratchet.linter.words import Word, iter_words

if TYPE_CHECKING:
    from ratchet.statement import Statement

_INTEGERS = ("tinyint", "smallint", "mediumint", "int", "bigint")
_TEXTS = ("tinytext", "text", "mediumtext", "longtext")
_BLOBS = ("tinyblob", "blob", "mediumblob", "longblob")
_ALIASES = {
    "integer": "int",
    "int4": "int",
    "int8": "bigint",
    "middleint": "mediumint",
    "bool": "tinyint",
    "boolean": "tinyint",
    "dec": "decimal",
    "numeric": "decimal",
    "fixed": "decimal",
    "real": "double",
    "float8": "double",
    "float4": "float",
    "character": "char",
}
#: Character sets whose every character utf8mb4 holds (the common utf8 to utf8mb4 conversion).
_UTF8MB4_SUBSETS = frozenset({"utf8", "utf8mb3", "ascii", "latin1"})
#: Words that start a table element that is not a column.
_NOT_COLUMNS = frozenset(
    {"CONSTRAINT", "PRIMARY", "UNIQUE", "KEY", "INDEX", "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL", "PERIOD"}
)
#: The words that name the kind of object a ``CREATE`` makes.
_OBJECT_KINDS = frozenset(
    {"TABLE", "VIEW", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT", "INDEX", "DATABASE", "SCHEMA", "SEQUENCE", "USER"}
)
#: Verbs of the statements of a routine's body that change a table's columns.
_TABLE_VERBS = frozenset({"CREATE", "ALTER", "DROP", "RENAME"})
#: Column attributes that fill the value in when an insert leaves it out.
_FILLED = frozenset({"AUTO_INCREMENT", "GENERATED", "AS", "SERIAL"})


@dataclass(frozen=True)
class ColumnType:
    """A MySQL column type: base name, its arguments (lengths, enum labels), signedness, charset."""

    name: str
    args: tuple[str, ...] = ()
    unsigned: bool = False
    charset: str | None = None

    def __str__(self) -> str:
        args = f"({','.join(self.args)})" if self.args else ""
        charset = f" character set {self.charset}" if self.charset else ""
        return f"{self.name}{args}{' unsigned' if self.unsigned else ''}{charset}"


@dataclass(frozen=True)
class ColumnDef:
    """One column: its type, whether it is NOT NULL, has a default, or is filled in otherwise
    (``AUTO_INCREMENT``, generated)."""

    type: ColumnType | None
    not_null: bool
    default: bool
    auto: bool = False

    @property
    def required(self) -> bool:
        """NOT NULL and nothing fills it in: an insert that does not name it fails."""
        return self.not_null and not self.default and not self.auto


@dataclass(frozen=True)
class Restated:
    """A change of ``table.column`` at ``at`` (``MODIFY``, ``CHANGE``, ``RENAME COLUMN``, ``ALTER
    COLUMN ... DEFAULT``; ``new_name`` after a rename): the column as it was and as it is now
    (``None`` where unknown)."""

    at: Word
    table: str
    column: str
    new_name: str
    old: ColumnDef | None
    new: ColumnDef | None


@dataclass
class Columns:
    """Every known table's columns, by lower-cased table and column name, in definition order.

    A copy shares the per-table dicts with its original until either changes one (each file's lint
    copies the model of every earlier file: copying every table's columns made a directory's lint
    quadratic)."""

    tables: dict[str, dict[str, ColumnDef]] = field(default_factory=dict)
    #: The table statements in the body of each known procedure, run by ``CALL``.
    procedures: dict[str, tuple[tuple[Word, ...], ...]] = field(default_factory=dict)
    #: Tables made by ``CREATE TABLE IF NOT EXISTS``: on a database older than the history they
    #: may hold columns the model does not know.
    unsure: frozenset[str] = frozenset()
    #: Tables whose column dict this model made itself and may change in place (not shared).
    _owned: set[str] = field(default_factory=set, repr=False, compare=False)

    def copy(self) -> Columns:
        """An independent copy: each side copies a table's columns before its first change."""
        self._owned = set()
        return Columns(dict(self.tables), dict(self.procedures), self.unsure)

    def sure(self, table: str) -> bool:
        """Whether every column ``table`` has is known: the history made it outright."""
        return table in self.tables and table not in self.unsure

    def _put(self, table: str, columns: dict[str, ColumnDef]) -> None:
        """Set ``table``'s columns to a dict made for this model."""
        self.tables[table] = columns
        self._owned.add(table)

    def _rename(self, old: str, new: str) -> None:
        """Move ``old``'s columns to ``new`` (the dict keeps whether it is shared)."""
        self.tables[new] = self.tables.pop(old)
        self.unsure = self.unsure - {old, new} | ({new} if old in self.unsure else set())
        if old in self._owned:
            self._owned.discard(old)
            self._owned.add(new)
        else:
            self._owned.discard(new)

    def _writable(self, table: str) -> dict[str, ColumnDef]:
        """``table``'s columns, copied first if the dict is shared with another model."""
        if table not in self._owned:
            self._put(table, dict(self.tables[table]))
        return self.tables[table]

    def column(self, table: str, column: str) -> ColumnDef | None:
        """The definition of ``table.column``, if known."""
        return self.tables.get(table, {}).get(column)

    def apply_all(self, statements: Iterable[Statement]) -> None:
        """Apply every statement in order."""
        for statement in statements:
            self.apply(statement)

    def apply(self, statement: Statement) -> list[Restated]:
        """Apply one statement to the model; return the changes of known columns it holds."""
        head = statement.sql.lstrip()[:6].upper()
        if not head.startswith(("CREATE", "ALTER", "DROP", "RENAME", "CALL")):
            return []
        return self._apply_words(list(iter_words(statement)))

    def _apply_words(self, words: list[Word], *, in_routine: bool = False) -> list[Restated]:
        """:meth:`apply` on a statement's words; ``in_routine``: a called routine's statement, which
        a guard around it may skip (a ``CREATE TABLE`` there is taken as ``IF NOT EXISTS``)."""
        verb = words[0].upper if words else ""
        if verb == "CALL" and len(words) > 1:
            for body_statement in self.procedures.get(_name(words, 1)[0] or "", ()):
                self._apply_words(list(body_statement), in_routine=True)
        elif verb == "CREATE":
            kind, index = _created(words)
            conditional = [w.upper for w in words[index : index + 3]] == ["IF", "NOT", "EXISTS"]
            if kind == "PROCEDURE":
                name, _ = _name(words, index + 3 * conditional)
                self.procedures[name or ""] = _table_statements(words)
            elif kind == "TABLE":
                self._create(words, index, conditional, in_routine)
        elif verb == "DROP":
            self._drop(words)
        elif verb == "RENAME" and len(words) > 1 and words[1].upper == "TABLE":
            for part in _split(words[2:], 0):
                names = [w.ident for w in part if w.is_name_like and w.upper != "TO"]
                if len(names) >= 2 and names[0] in self.tables:
                    self._rename(names[0], names[-1])
        elif verb == "ALTER":
            return self._alter(words)
        return []

    def _create(self, words: list[Word], index: int, conditional: bool, guarded: bool = False) -> None:
        """``CREATE TABLE``, its name at ``words[index]`` (after ``IF NOT EXISTS`` when ``conditional``;
        ``guarded``: it may not run when the table exists, as if it said ``IF NOT EXISTS``)."""
        index += 3 if conditional else 0
        name, index = _name(words, index)
        if name is None or ((conditional or guarded) and name in self.tables):
            return
        self.unsure = self.unsure | {name} if conditional or guarded else self.unsure - {name}
        rest = words[index:]
        if len(rest) >= 2 and rest[0].upper == "LIKE":
            source, _ = _name(rest, 1)
            self._put(name, dict(self.tables.get(source or "", {})))
            self.unsure = self.unsure | ({name} if not self.sure(source or "") else set())
            return
        if not rest or rest[0].text != "(":
            self.tables.pop(name, None)  # CREATE TABLE ... AS SELECT: columns unknown
            return
        end = next((i for i, w in enumerate(rest[1:], 1) if w.depth == 0), len(rest))
        inner = rest[1:end]
        if any(w.upper == "SELECT" or (w.upper == "TABLE" and w.depth == 0) for w in rest[end + 1 :]):
            self.unsure = self.unsure | {name}  # a query's columns are added to those listed
        columns: dict[str, ColumnDef] = {}
        for part in _split(inner, 1):
            if part[0].upper in _NOT_COLUMNS:
                if part[0].upper == "PRIMARY" or (part[0].upper == "CONSTRAINT" and _has(part, "PRIMARY")):
                    for key in _key_columns(part):
                        if key in columns:
                            columns[key] = replace(columns[key], not_null=True)
                continue
            parsed = definition(part)
            if parsed is not None:
                columns[part[0].ident] = parsed
        self._put(name, columns)

    def _drop(self, words: list[Word]) -> None:
        index = 1 + (len(words) > 1 and words[1].upper == "TEMPORARY")
        if index >= len(words) or words[index].upper != "TABLE":
            return
        index += 1
        if [w.upper for w in words[index : index + 2]] == ["IF", "EXISTS"]:
            index += 2
        for part in _split(words[index:], 0):
            name, _ = _name(part, 0)
            self.tables.pop(name or "", None)

    def _alter(self, words: list[Word]) -> list[Restated]:
        index = 1
        while index < len(words) and words[index].upper in ("IGNORE", "ONLINE", "OFFLINE"):
            index += 1
        if index >= len(words) or words[index].upper != "TABLE":
            return []
        table, index = _name(words, index + 1)
        if table is None or table not in self.tables:
            return []
        restated: list[Restated] = []
        for action in _split(words[index:], 0):
            top = [w for w in action if w.depth == 0]
            renamed = _renamed_table(top)
            if renamed is not None:
                self._rename(table, renamed)
                table = renamed
                continue
            found = self._action(table, top, action)
            if found is not None:
                restated.append(found)
        return restated

    def _action(self, table: str, top: list[Word], action: list[Word]) -> Restated | None:
        columns = self._writable(table)
        verb = top[0].upper
        second = top[1].upper if len(top) > 1 else ""
        if verb == "ADD" and second not in _NOT_COLUMNS and second not in ("CONSTRAINT",):
            start = 2 if second == "COLUMN" else 1
            if [w.upper for w in top[start : start + 3]] == ["IF", "NOT", "EXISTS"]:
                start += 3
            if start < len(top) and top[start].text == "(":
                depth = top[start].depth + 1
                nested = action[action.index(top[start]) + 1 :]
                for part in _split([w for w in nested if w.depth >= depth], depth):
                    parsed = definition(part)
                    if parsed is not None:
                        columns[part[0].ident] = parsed
                return None
            part = action[action.index(top[start]) :] if start < len(top) else []
            parsed = definition(part) if part else None
            if parsed is not None:
                columns.setdefault(part[0].ident, parsed)
            return None
        if verb == "ADD" and (second == "PRIMARY" or (second == "CONSTRAINT" and _has(top, "PRIMARY"))):
            for key in _key_columns(action):
                if key in columns:
                    columns[key] = replace(columns[key], not_null=True)
            return None
        if verb == "DROP" and second not in _NOT_COLUMNS and second not in ("DEFAULT",):
            column, _ = _name(top, 2 if second == "COLUMN" else 1)
            if column in ("if", None):
                column, _ = _name(top, (2 if second == "COLUMN" else 1) + 2)
            columns.pop(column or "", None)
            return None
        if verb == "RENAME" and second == "COLUMN":
            old, index = _name(top, 2)
            new, _ = _name(top, index + 1)
            if old is None or old not in columns or not new:
                return None
            columns[new] = columns.pop(old)
            return Restated(top[0], table, old, new, columns[new], columns[new])
        if verb in ("MODIFY", "CHANGE"):
            column, new_name, start = _restated_names(top)
            if column is None or new_name is None:
                return None
            part = action[action.index(top[start]) :] if start < len(top) else []
            parsed = definition(part) if part else None
            was = columns.pop(column, None)
            if parsed is not None:
                columns[new_name] = parsed
            return Restated(top[0], table, column, new_name, was, parsed)
        if verb == "ALTER" and second not in ("INDEX", "KEY", "CONSTRAINT", "CHECK"):
            column, index = _name(top, 2 if second == "COLUMN" else 1)
            uppers = [w.upper for w in top[index:]]
            known = columns.get(column or "")
            if column is not None and known is not None and uppers[:1] in (["SET"], ["DROP"]) and "DEFAULT" in uppers:
                columns[column] = replace(known, default=uppers[0] == "SET")
                return Restated(top[0], table, column, column, known, columns[column])
        return None


def _created(words: list[Word]) -> tuple[str, int]:
    """The kind of object ``CREATE ...`` makes (its first kind word, after modifiers such as
    ``OR REPLACE``, ``TEMPORARY``, ``DEFINER = user``, ``ALGORITHM = MERGE``) and the index after it."""
    for index in range(1, len(words)):
        if words[index].depth == 0 and words[index].upper in _OBJECT_KINDS:
            return words[index].upper, index + 1
    return "", len(words)


def _table_statements(words: list[Word]) -> tuple[tuple[Word, ...], ...]:
    """The ``CREATE``/``ALTER``/``DROP``/``RENAME TABLE`` statements of a routine's body, each from
    its verb to its ``;`` (an ``IF ... THEN`` around one is left out: the body's usual guard only
    skips a change that is already made)."""
    found: list[tuple[Word, ...]] = []
    start: int | None = None
    for index, word in enumerate(words):
        if word.text == ";":
            if start is not None:
                found.append(tuple(words[start:index]))
            start = None
        elif start is None and word.upper in _TABLE_VERBS and index > 0:
            following = [w.upper for w in words[index + 1 : index + 4]]
            if "TABLE" in following and following.index("TABLE") <= 2:
                start = index
    return tuple(found)


def _renamed_table(top: list[Word]) -> str | None:
    """The new name of ``RENAME [TO|AS] name`` (not ``RENAME COLUMN/INDEX/KEY``), else ``None``."""
    if not top or top[0].upper != "RENAME" or len(top) < 2 or top[1].upper in ("COLUMN", "INDEX", "KEY", "CONSTRAINT"):
        return None
    name, _ = _name(top, 2 if top[1].upper in ("TO", "AS") else 1)
    return name


def definition(part: list[Word]) -> ColumnDef | None:
    """The column definition ``name type [attributes]`` in ``part`` (its first word the name)."""
    if len(part) < 2 or not part[0].is_name_like:
        return None
    depth = part[0].depth
    top = [w for w in part if w.depth == depth]
    column_type = _type(part, depth)
    uppers = [w.upper for w in top[2:]]
    not_null = any(pair == ("NOT", "NULL") for pair in pairwise(uppers))
    not_null = not_null or "PRIMARY" in uppers or top[1].upper == "SERIAL"
    default_at = uppers.index("DEFAULT") if "DEFAULT" in uppers else -1
    has_default = 0 <= default_at < len(uppers) - 1 and uppers[default_at + 1] != "NULL"
    auto = bool(_FILLED.intersection(uppers)) or top[1].upper == "SERIAL"
    return ColumnDef(column_type, not_null, has_default, auto)


def _type(part: list[Word], depth: int) -> ColumnType | None:
    words = part[1:]
    if not words:
        return None
    name = words[0].text.lower().strip('`"')
    index = 1
    if name == "double" and len(words) > 1 and words[1].upper == "PRECISION":
        index = 2
    if name == "character" and len(words) > 1 and words[1].upper == "VARYING":
        name, index = "varchar", 2
    name = _ALIASES.get(name, name)
    args: tuple[str, ...] = ()
    if index < len(words) and words[index].text == "(":
        closing = next((i for i in range(index + 1, len(words)) if words[i].depth == depth), len(words))
        inner = [w.text for w in words[index + 1 : closing] if w.text != ","]
        args, index = tuple(inner), closing + 1
    if name in _INTEGERS:
        args = ()  # display width: no effect on the values a column holds
    elif name == "decimal":
        args = (*args, "0")[:2] if args else ("10", "0")
    elif name in ("char", "binary") and not args:
        args = ("1",)
    rest = [w.upper for w in words[index:] if w.depth == depth]
    unsigned = "UNSIGNED" in rest[:3] or "ZEROFILL" in rest[:3]
    charset = None
    for position, word in enumerate(rest[:-1]):
        if word in ("CHARSET", "CHARACTER") and position + 1 < len(rest):
            following = rest[position + 2] if word == "CHARACTER" and position + 2 < len(rest) else rest[position + 1]
            charset = following.lower()
            break
    return ColumnType(name, args, unsigned, charset)


def type_change(old: ColumnType | None, new: ColumnType | None) -> str:
    """``same``, ``widen`` (every old value fits, unchanged) or ``change`` (anything else, or unknown)."""
    if old is None or new is None:
        return "change"
    charset = "same"
    if old.charset and new.charset and old.charset != new.charset:
        if not (new.charset == "utf8mb4" and old.charset in _UTF8MB4_SUBSETS):
            return "change"
        charset = "widen"
    if (old.name, old.args, old.unsigned) == (new.name, new.args, new.unsigned):
        return charset
    return "widen" if _widens(old, new) else "change"


def _widens(old: ColumnType, new: ColumnType) -> bool:
    if old.name in _INTEGERS and new.name in _INTEGERS:
        wider = _INTEGERS.index(new.name) > _INTEGERS.index(old.name)
        if old.unsigned == new.unsigned:
            return wider or old.name == new.name
        return old.unsigned and not new.unsigned and wider
    if old.name in ("varchar", "char") and new.name == old.name:
        return _number(new.args, 0) >= _number(old.args, 0) > 0
    if old.name in ("varchar", "char") and new.name in _TEXTS[1:]:
        return True
    if old.name in ("varbinary", "binary") and new.name == old.name:
        return _number(new.args, 0) >= _number(old.args, 0) > 0
    if old.name == "varbinary" and new.name in _BLOBS[1:]:
        return True
    for family in (_TEXTS, _BLOBS):
        if old.name in family and new.name in family:
            return family.index(new.name) >= family.index(old.name)
    if old.name == new.name == "decimal" and old.unsigned == new.unsigned:
        precision, scale = _number(old.args, 0), _number(old.args, 1)
        new_precision, new_scale = _number(new.args, 0), _number(new.args, 1)
        return new_scale >= scale and new_precision - new_scale >= precision - scale
    if old.name == "float" and new.name == "double" and not old.args and not new.args:
        return True
    if old.name == new.name and old.name in ("enum", "set"):
        return new.args[: len(old.args)] == old.args
    if old.name == new.name and old.name in ("datetime", "timestamp", "time"):
        return _number(new.args, 0) >= _number(old.args, 0)
    return False


def _number(args: tuple[str, ...], position: int) -> int:
    try:
        return int(args[position])
    except (IndexError, ValueError):
        return -1


def _restated_names(top: list[Word]) -> tuple[str | None, str | None, int]:
    """``(column, new name, index of the type word)`` of ``MODIFY [COLUMN] c type`` or
    ``CHANGE [COLUMN] old new type``."""
    index = 2 if len(top) > 1 and top[1].upper == "COLUMN" else 1
    if [w.upper for w in top[index : index + 2]] == ["IF", "EXISTS"]:  # MariaDB
        index += 2
    column, index = _name(top, index)
    if top[0].upper == "MODIFY":
        return column, column, index - 1
    new_name, after = _name(top, index)
    return column, new_name, after - 1


def _name(words: list[Word], start: int) -> tuple[str | None, int]:
    """A possibly qualified name at ``words[start]``: its last part, and the index after it."""
    if start >= len(words) or not words[start].is_name_like:
        return None, start
    name, index = words[start].ident, start + 1
    while index + 1 < len(words) and words[index].text == "." and words[index + 1].is_name_like:
        name, index = words[index + 1].ident, index + 2
    return name, index


def _split(words: list[Word], depth: int) -> list[list[Word]]:
    """The parts of ``words`` between commas at ``depth``."""
    parts: list[list[Word]] = [[]]
    for word in words:
        if word.depth == depth and word.text == ",":
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def _has(words: list[Word], upper: str) -> bool:
    return any(w.upper == upper for w in words)


def _key_columns(words: list[Word]) -> list[str]:
    """The column names in the first parenthesised list of ``words`` (a key's columns)."""
    opening = next((i for i, w in enumerate(words) if w.text == "("), None)
    if opening is None:
        return []
    depth = words[opening].depth + 1
    inner: list[Word] = []
    for word in words[opening + 1 :]:
        if word.depth < depth:
            break
        inner.append(word)
    return [part[0].ident for part in _split(inner, depth) if part[0].is_name_like]
