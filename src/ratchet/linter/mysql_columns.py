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
from itertools import pairwise, takewhile
from typing import TYPE_CHECKING

from ratchet.linter.words import Word, after_lock_wait, iter_words

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
_UTF8MB4_SUBSETS = frozenset({"utf8mb3", "ascii", "latin1"})
#: The collation a column gets from ``CHARACTER SET x`` alone (MariaDB's, and MySQL 5.7's: MySQL 8
#: gives utf8mb4 ``utf8mb4_0900_ai_ci``).
_DEFAULT_COLLATIONS = {
    "utf8mb3": "utf8mb3_general_ci",
    "utf8mb4": "utf8mb4_general_ci",
    "latin1": "latin1_swedish_ci",
    "ascii": "ascii_general_ci",
}
#: Types whose values are characters, compared by a collation.
_STRING_TYPES = frozenset({"char", "varchar", *_TEXTS, "enum", "set"})
#: A table's default character set and collation (``None`` where the history does not say).
Encoding = tuple[str | None, str | None]
_UNKNOWN: Encoding = (None, None)
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
    """A MySQL column type: base name, its arguments (lengths, enum labels), signedness, and for a
    string type the character set and collation it has (its own, else its table's default)."""

    name: str
    args: tuple[str, ...] = ()
    unsigned: bool = False
    charset: str | None = None
    collation: str | None = None

    def __str__(self) -> str:
        args = f"({','.join(self.args)})" if self.args else ""
        return f"{self.name}{args}{' unsigned' if self.unsigned else ''}"

    @property
    def encoding(self) -> str:
        """The collation (or character set) as a message names it, ``""`` when unknown."""
        return f" collate {self.collation}" if self.collation else f" character set {self.charset}" * bool(self.charset)


def described(old: ColumnType, new: ColumnType) -> tuple[str, str]:
    """``old`` and ``new`` as a message names them: with their collations when those differ."""
    if (old.charset, old.collation) == (new.charset, new.collation):
        return str(old), str(new)
    return f"{old}{old.encoding}", f"{new}{new.encoding}"


@dataclass(frozen=True)
class ColumnDef:
    """One column: its type, whether it is NOT NULL, has a default, or is filled in otherwise
    (``AUTO_INCREMENT``, generated), and whether a ``CHECK (c IS NOT NULL)`` of its table keeps
    NULL out of it all the same."""

    type: ColumnType | None
    not_null: bool
    default: bool
    auto: bool = False
    checked: bool = False
    check_name: str = ""  # the name of that CHECK, if it was given one (DROP CHECK takes it away)

    @property
    def never_null(self) -> bool:
        """NOT NULL, or guarded by a ``CHECK (c IS NOT NULL)``: a NULL is refused."""
        return self.not_null or self.checked

    @property
    def required(self) -> bool:
        """Never NULL and nothing fills it in: an insert that does not name it fails."""
        return self.never_null and not self.default and not self.auto


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
    #: Each table's default character set and collation, given to a string column that names
    #: neither (also when ``MODIFY``/``CHANGE`` restates it).
    encodings: dict[str, Encoding] = field(default_factory=dict)
    #: Tables whose column dict this model made itself and may change in place (not shared).
    _owned: set[str] = field(default_factory=set, repr=False, compare=False)

    def copy(self) -> Columns:
        """An independent copy: each side copies a table's columns before its first change."""
        self._owned = set()
        return Columns(dict(self.tables), dict(self.procedures), self.unsure, dict(self.encodings))

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
        self.encodings[new] = self.encodings.pop(old, _UNKNOWN)
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
            self.encodings[name] = self.encodings.get(source or "", _UNKNOWN)
            self.unsure = self.unsure | ({name} if not self.sure(source or "") else set())
            return
        if not rest or rest[0].text != "(":
            self.tables.pop(name, None)  # CREATE TABLE ... AS SELECT: columns unknown
            return
        end = next((i for i, w in enumerate(rest[1:], 1) if w.depth == 0), len(rest))
        inner = rest[1:end]
        if any(w.upper == "SELECT" or (w.upper == "TABLE" and w.depth == 0) for w in rest[end + 1 :]):
            self.unsure = self.unsure | {name}  # a query's columns are added to those listed
        options = [w for w in rest[end + 1 :] if w.depth == 0]
        charset, collation = _named_encoding(options)
        self.encodings[name] = _encoding(charset, collation, _UNKNOWN)
        columns: dict[str, ColumnDef] = {}
        for part in _split(inner, 1):
            if part[0].upper in _NOT_COLUMNS:
                if part[0].upper == "PRIMARY" or (part[0].upper == "CONSTRAINT" and _has(part, "PRIMARY")):
                    for key, _ in _key_columns(part):
                        if key in columns:
                            columns[key] = replace(columns[key], not_null=True)
                continue
            parsed = definition(part, self.encodings[name])
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
            self.encodings.pop(name or "", None)

    def _alter(self, words: list[Word]) -> list[Restated]:
        index = 1
        while index < len(words) and words[index].upper in ("IGNORE", "ONLINE", "OFFLINE"):
            index += 1
        if index >= len(words) or words[index].upper != "TABLE":
            return []
        index += 1
        if [w.upper for w in words[index : index + 2]] == ["IF", "EXISTS"]:  # MariaDB
            index += 2
        table, index = _name(words, index)
        if table is None or table not in self.tables:
            return []
        index = after_lock_wait(words, index)
        restated: list[Restated] = []
        for action in _split(words[index:], 0):
            top = [w for w in action if w.depth == 0]
            renamed = _renamed_table(top)
            if renamed is not None:
                self._rename(table, renamed)
                table = renamed
                continue
            restated.extend(self._action(table, top, action))
        return restated

    def _action(self, table: str, top: list[Word], action: list[Word]) -> list[Restated]:
        columns = self._writable(table)
        verb = top[0].upper
        second = top[1].upper if len(top) > 1 else ""
        encoding = self.encodings.get(table, _UNKNOWN)
        if verb == "ADD" and second not in _NOT_COLUMNS and second not in ("CONSTRAINT",):
            start = 2 if second == "COLUMN" else 1
            if [w.upper for w in top[start : start + 3]] == ["IF", "NOT", "EXISTS"]:
                start += 3
            if start < len(top) and top[start].text == "(":
                depth = top[start].depth + 1
                nested = action[action.index(top[start]) + 1 :]
                for part in _split([w for w in nested if w.depth >= depth], depth):
                    parsed = definition(part, encoding)
                    if parsed is not None:
                        columns[part[0].ident] = parsed
                return []
            part = action[action.index(top[start]) :] if start < len(top) else []
            parsed = definition(part, encoding) if part else None
            if parsed is not None:
                columns.setdefault(part[0].ident, parsed)
            return []
        if verb == "ADD" and (second == "PRIMARY" or (second == "CONSTRAINT" and _has(top, "PRIMARY"))):
            return self._primary_key(table, columns, action)
        if verb == "ADD" and (second == "CHECK" or (second == "CONSTRAINT" and _has(top, "CHECK"))):
            return self._not_null_check(table, columns, action)
        if verb == "DROP" and second in ("CHECK", "CONSTRAINT"):
            name, _ = _name(top, 2)
            if name == "if":
                name, _ = _name(top, 4)
            for guarded, definition_now in list(columns.items()):
                if definition_now.checked and definition_now.check_name and definition_now.check_name == name:
                    columns[guarded] = replace(definition_now, checked=False, check_name="")
            return []
        if verb == "DROP" and second not in _NOT_COLUMNS and second not in ("DEFAULT",):
            column, _ = _name(top, 2 if second == "COLUMN" else 1)
            if column in ("if", None):
                column, _ = _name(top, (2 if second == "COLUMN" else 1) + 2)
            columns.pop(column or "", None)
            return []
        if verb == "RENAME" and second == "COLUMN":
            old, index = _name(top, 2)
            new, _ = _name(top, index + 1)
            if old is None or old not in columns or not new:
                return []
            columns[new] = columns.pop(old)
            return [Restated(top[0], table, old, new, columns[new], columns[new])]
        if verb in ("MODIFY", "CHANGE"):
            column, new_name, start = _restated_names(top)
            if column is None or new_name is None:
                return []
            part = action[action.index(top[start]) :] if start < len(top) else []
            parsed = definition(part, encoding) if part else None
            was = columns.pop(column, None)
            if parsed is not None:
                kept = was is not None and was.checked
                columns[new_name] = replace(parsed, checked=kept, check_name=was.check_name if kept and was else "")
            return [Restated(top[0], table, column, new_name, was, parsed)]
        if verb == "ALTER" and second not in ("INDEX", "KEY", "CONSTRAINT", "CHECK"):
            column, index = _name(top, 2 if second == "COLUMN" else 1)
            uppers = [w.upper for w in top[index:]]
            known = columns.get(column or "")
            if column is not None and known is not None and uppers[:1] in (["SET"], ["DROP"]) and "DEFAULT" in uppers:
                columns[column] = replace(known, default=uppers[0] == "SET")
                return [Restated(top[0], table, column, column, known, columns[column])]
        if verb == "CONVERT" and second == "TO":
            return self._convert(table, columns, top)
        uppers = [w.upper for w in top[1:] if w.text != "="] if verb == "DEFAULT" else [w.upper for w in top]
        if uppers[:1] in (["CHARSET"], ["COLLATE"]) or uppers[:2] == ["CHARACTER", "SET"]:
            self.encodings[table] = _encoding(*_named_encoding(top), encoding)
        return []

    def _primary_key(self, table: str, columns: dict[str, ColumnDef], action: list[Word]) -> list[Restated]:
        """``ADD PRIMARY KEY (...)``: its columns become NOT NULL (MySQL makes them so, whatever they
        said); a column it changes so is a restatement at its name in the key."""
        changed: list[Restated] = []
        for key, at in _key_columns(action):
            was = columns.get(key)
            if was is not None and not was.not_null:
                columns[key] = replace(was, not_null=True)
                changed.append(Restated(at, table, key, key, was, columns[key]))
        return changed

    def _not_null_check(self, table: str, columns: dict[str, ColumnDef], action: list[Word]) -> list[Restated]:
        """``ADD [CONSTRAINT name] CHECK (c IS NOT NULL)``: ``c`` refuses NULL from now on, as if it
        were NOT NULL (MySQL keeps it nullable in its catalog); a restatement at ``c``."""
        check = next(i for i, w in enumerate(action) if w.upper == "CHECK")
        if check + 1 >= len(action) or action[check + 1].text != "(":
            return []
        depth = action[check + 1].depth + 1
        inner = list(takewhile(lambda w: w.depth >= depth, action[check + 2 :]))
        if len(inner) != 4 or [w.upper for w in inner[1:]] != ["IS", "NOT", "NULL"] or not inner[0].is_name_like:
            return []
        column, was = inner[0].ident, columns.get(inner[0].ident)
        if was is None or was.never_null:
            return []
        named = [i for i, w in enumerate(action[:check]) if w.upper == "CONSTRAINT"]
        name = _name(action, named[0] + 1)[0] if named else None
        columns[column] = replace(was, checked=True, check_name=name or "")
        return [Restated(inner[0], table, column, column, was, columns[column])]

    def _convert(self, table: str, columns: dict[str, ColumnDef], top: list[Word]) -> list[Restated]:
        """``CONVERT TO CHARACTER SET x [COLLATE y]``: every string column (and the table's default)
        gets ``x`` and ``y`` (or ``x``'s default collation); one restatement at ``CONVERT`` per column."""
        charset, collation = _named_encoding(top)
        if charset is None:
            return []
        self.encodings[table] = converted = _encoding(charset, collation, _UNKNOWN)
        changed: list[Restated] = []
        for name, was in list(columns.items()):
            if was.type is not None and was.type.name in _STRING_TYPES:
                columns[name] = replace(was, type=replace(was.type, charset=converted[0], collation=converted[1]))
                changed.append(Restated(top[0], table, name, name, was, columns[name]))
        return changed


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


def definition(part: list[Word], encoding: Encoding = _UNKNOWN) -> ColumnDef | None:
    """The column definition ``name type [attributes]`` in ``part`` (its first word the name);
    ``encoding``: its table's default character set and collation."""
    if len(part) < 2 or not part[0].is_name_like:
        return None
    depth = part[0].depth
    top = [w for w in part if w.depth == depth]
    column_type = _type(part, depth, encoding)
    uppers = [w.upper for w in top[2:]]
    not_null = any(pair == ("NOT", "NULL") for pair in pairwise(uppers))
    not_null = not_null or "PRIMARY" in uppers or top[1].upper == "SERIAL"
    default_at = uppers.index("DEFAULT") if "DEFAULT" in uppers else -1
    has_default = 0 <= default_at < len(uppers) - 1 and uppers[default_at + 1] != "NULL"
    auto = bool(_FILLED.intersection(uppers)) or top[1].upper == "SERIAL"
    return ColumnDef(column_type, not_null, has_default, auto)


def _type(part: list[Word], depth: int, encoding: Encoding) -> ColumnType | None:
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
    attributes = [w for w in words[index:] if w.depth == depth]
    rest = [w.upper for w in attributes]
    unsigned = "UNSIGNED" in rest[:3] or "ZEROFILL" in rest[:3]
    if name not in _STRING_TYPES:
        return ColumnType(name, args, unsigned)
    charset, collation = _encoding(*_named_encoding(attributes), encoding)
    return ColumnType(name, args, unsigned, charset, collation)


def _named_encoding(words: list[Word]) -> Encoding:
    """The ``CHARACTER SET``/``CHARSET`` and ``COLLATE`` that ``words`` name (``=`` allowed after
    each, as table options write it), normalised: ``utf8`` is ``utf8mb3``."""
    charset = collation = None
    for index, word in enumerate(words):
        after_character = index > 0 and words[index - 1].upper == "CHARACTER"
        names_charset = word.upper == "CHARSET" or (word.upper == "SET" and after_character)
        if not (names_charset or word.upper == "COLLATE"):
            continue
        at = index + 1 + (index + 1 < len(words) and words[index + 1].text == "=")
        if at >= len(words) or words[at].upper == "DEFAULT":
            continue
        value = words[at].text.strip("`'\"").lower()
        if names_charset:
            charset = "utf8mb3" if value == "utf8" else value
        else:
            collation = "utf8mb3" + value[4:] if value.startswith("utf8_") else value
    return charset, collation


def _charset_of(collation: str) -> str:
    """The character set a collation belongs to (``utf8mb4_bin``: ``utf8mb4``)."""
    return collation.split("_", 1)[0]


def _encoding(charset: str | None, collation: str | None, default: Encoding) -> Encoding:
    """The character set and collation of a string column that names ``charset`` and ``collation``
    (either may be ``None``): ``default`` (its table's) when it names neither."""
    if charset is None and collation is None:
        return default
    if charset is None and collation is not None:
        charset = _charset_of(collation)
    return charset, collation or _DEFAULT_COLLATIONS.get(charset or "")


def _rules(collation: str) -> str:
    """A collation's comparison rules, without its character set: ``utf8mb3_general_ci`` and
    ``utf8mb4_general_ci`` compare alike, ``utf8mb4_unicode_ci`` and ``utf8mb4_bin`` do not."""
    return collation.split("_", 1)[1] if "_" in collation else collation


def type_change(old: ColumnType | None, new: ColumnType | None) -> str:
    """``same``, ``widen`` (every old value fits, unchanged) or ``change`` (anything else, or unknown).
    Another collation is a change: values then compare, sort and collide in unique keys otherwise."""
    if old is None or new is None:
        return "change"
    charset = "same"
    if old.charset and new.charset and old.charset != new.charset:
        if not (new.charset == "utf8mb4" and old.charset in _UTF8MB4_SUBSETS):
            return "change"
        charset = "widen"
    if old.collation and new.collation and _rules(old.collation) != _rules(new.collation):
        return "change"
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
    if old.name == new.name == "enum":  # labels added anywhere: every value keeps its label and order
        labels = iter(new.args)
        return all(label in labels for label in old.args)
    if old.name == new.name == "set":  # a set's values are bits by position: only appended ones keep them
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


def _key_columns(words: list[Word]) -> list[tuple[str, Word]]:
    """The column names in the first parenthesised list of ``words`` (a key's columns), each with
    its word."""
    opening = next((i for i, w in enumerate(words) if w.text == "("), None)
    if opening is None:
        return []
    depth = words[opening].depth + 1
    inner: list[Word] = []
    for word in words[opening + 1 :]:
        if word.depth < depth:
            break
        inner.append(word)
    return [(part[0].ident, part[0]) for part in _split(inner, depth) if part[0].is_name_like]
