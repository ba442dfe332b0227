"""A model of a PostgreSQL schema, built from pglast parse trees.

It knows tables (and views) with their columns (type, nullability, default) and
constraints, indexes, triggers, routines, types with their enum values, sequences,
extensions and schemas: enough to judge what a migration does to what the earlier ones built.
Names are kept schema-qualified (``public.users``); unqualified names resolve through the
``search_path`` that the file set (``public`` by default).

A :class:`Catalog` copies cheaply (``copy``): the copy shares every table until one side
changes it, so the state before a file can be kept beside the state the file builds.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ratchet.lazyre import LazyPattern
from ratchet.linter.postgres.parse import Node, strings, walk
from ratchet.linter.postgres.types import ColumnType, collation_of, column_type, dropped_signature, signature

DEFAULT_SCHEMA = "public"


#: ``TableLikeClause`` options (PostgreSQL's ``CREATE_TABLE_LIKE_*`` bits) the catalog follows.
_LIKE_CONSTRAINTS = 1 << 2
_LIKE_DEFAULTS = 1 << 3
_LIKE_INDEXES = 1 << 6


class Column(NamedTuple):
    """A column: its type (``None`` when unknown), nullability, whether it has a default
    (a ``DEFAULT``, a sequence of a ``serial``, an identity, or a generated expression), and the
    collation it names with ``COLLATE`` (``None``: its type's default)."""

    name: str
    type: ColumnType | None
    nullable: bool = True
    has_default: bool = False
    collation: str | None = None


class Constraint(NamedTuple):
    """A table constraint; ``not_null`` names the column of a ``CHECK (c IS NOT NULL)``; ``reads``
    the columns a check's expression reads (dropping one drops the constraint)."""

    name: str
    kind: str
    columns: tuple[str, ...] = ()
    not_null: str | None = None
    references: str | None = None  # the table a foreign key refers to
    reads: frozenset[str] = frozenset()


class Relation:
    """A table, view, materialized view or foreign table.

    ``complete`` is false when the columns are not all known (``CREATE TABLE AS``, a view, a
    table built with ``LIKE`` or ``INHERITS`` of an unknown table). ``uses``: the relations a
    view's query reads. ``partitioned``: ``PARTITION BY``, its rows live in its partitions.
    """

    __slots__ = ("columns", "complete", "constraints", "key", "kind", "parent", "partitioned", "unlogged", "uses")

    def __init__(
        self,
        key: str,
        kind: str = "table",
        columns: dict[str, Column] | None = None,
        constraints: dict[str, Constraint] | None = None,
        complete: bool = True,
        unlogged: bool = False,
        uses: frozenset[str] = frozenset(),
        partitioned: bool = False,
        parent: str | None = None,
    ) -> None:
        self.key = key
        self.kind = kind
        self.columns: dict[str, Column] = {} if columns is None else columns
        self.constraints: dict[str, Constraint] = {} if constraints is None else constraints
        self.complete = complete
        self.unlogged = unlogged
        self.uses = uses
        self.partitioned = partitioned
        self.parent = parent  # the table it is a partition of, or inherits from (its first parent)

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Relation) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Relation({shown})"

    def clone(self) -> Relation:
        """A copy that can be changed without changing this one."""
        return Relation(
            self.key,
            self.kind,
            dict(self.columns),
            dict(self.constraints),
            self.complete,
            self.unlogged,
            self.uses,
            self.partitioned,
            self.parent,
        )

    def effectively_not_null(self, column: str) -> bool:
        """NOT NULL, or guarded by a ``CHECK (column IS NOT NULL)``."""
        known = self.columns.get(column)
        if known is not None and not known.nullable:
            return True
        return any(c.not_null == column for c in self.constraints.values())


class Index(NamedTuple):
    """An index of ``table`` on ``columns`` (expressions are shown as ``(expr)``); ``labels`` name
    its key and INCLUDE columns as PostgreSQL does when it names an index after them; ``reads`` holds
    every column its keys, expressions, INCLUDE list and WHERE predicate read (dropping one drops it)."""

    key: str
    table: str
    columns: tuple[str, ...]
    unique: bool
    labels: tuple[str, ...] = ()
    reads: frozenset[str] = frozenset()


class TypeInfo(NamedTuple):
    """A user type: ``enum`` (with its labels), ``composite``, ``domain``, ``range`` or ``base``."""

    key: str
    kind: str
    values: tuple[str, ...] = ()


class Routine(NamedTuple):
    """A function or procedure; ``volatile`` is PostgreSQL's default unless it says otherwise;
    ``trigger`` when it returns ``trigger`` or ``event_trigger`` (only a trigger can call it);
    ``body`` the text that a call runs, in ``language`` (``sql`` or ``plpgsql``; else empty);
    ``arguments`` its input argument types (``None``: not known), the last ``optional`` of them
    with a default; ``created`` the parts of its ``CREATE``'s node (when it has a body) whose head the body
    is parsed under again (written when a call runs it: few routines are called by a later file);
    ``others`` the other overloads of its name (other argument types), each without ``others``."""

    key: str
    kind: str
    volatile: bool = True
    trigger: bool = False
    body: str = ""
    language: str = ""
    arguments: tuple[ColumnType, ...] | None = None
    optional: int = 0
    created: Node | None = None
    others: tuple[Routine, ...] = ()

    @property
    def overloads(self) -> tuple[Routine, ...]:
        """Every routine of this name: this one, then the others."""
        return (self, *self.others)

    def without(self, arguments: tuple[ColumnType, ...]) -> Routine | None:
        """The routines of this name but the overload taking ``arguments`` (``None``: none is left)."""
        kept = [routine for routine in self.overloads if routine.arguments != arguments]
        return kept[0]._replace(others=tuple(kept[1:])) if kept else None


class RoutineNames:
    """The names of a catalog's routines, without their schema and in lower case: ``called``, those
    that a statement can call (trigger functions only a trigger can); ``words``, every routine's name
    that is one word of ASCII letters, digits and ``_``; ``other``, every other routine's name.
    (A plain class: a ``NamedTuple`` costs every run a million instructions more to define.)"""

    __slots__ = ("called", "other", "words")

    def __init__(self, called: tuple[str, ...], words: frozenset[str], other: tuple[str, ...]) -> None:
        self.called = called
        self.words = words
        self.other = other


#: the types that well-known extensions create: ``DROP EXTENSION ... CASCADE`` drops the columns of them
EXTENSION_TYPES = {
    "citext": ("citext",),
    "hstore": ("hstore",),
    "ltree": ("ltree", "lquery", "ltxtquery"),
    "cube": ("cube",),
    "isn": ("ean13", "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "upc"),
    "postgis": ("geometry", "geography", "box2d", "box3d"),
    "vector": ("vector", "halfvec", "sparsevec"),
}


class Catalog:
    """The schema that a sequence of statements builds."""

    def __init__(self) -> None:
        self.relations: dict[str, Relation] = {}
        self.indexes: dict[str, Index] = {}
        self.triggers: dict[tuple[str, str], str] = {}  # (table, trigger) -> function
        self.routines: dict[str, Routine] = {}
        self.types: dict[str, TypeInfo] = {}
        self.sequences: set[str] = set()
        self.extensions: set[str] = set()
        self.schemas: set[str] = {DEFAULT_SCHEMA}
        self.search_path: tuple[str, ...] = (DEFAULT_SCHEMA,)
        #: a statement named a table that no statement created: the history does not show the whole schema
        self.partial = False
        self.inheritance = False  # some table is a partition or inherits: column changes may recurse
        #: ``(kind, key)`` of what a statement dropped (or renamed away) and none created again; the
        #: kinds are ``relation``, ``index``, ``sequence``, ``type`` and ``routine``
        self.gone: frozenset[tuple[str, str]] = frozenset()  # replaced, never changed: copies share it
        self.serials: dict[str, str] = {}  # the sequence of a serial or identity column -> its table
        self._serials_owned = True  # False while a copy shares ``serials`` (copied on the first change)
        self._owned: set[str] = set()

    # -- copies ---------------------------------------------------------------------------

    def copy(self) -> Catalog:
        """A copy sharing unchanged tables with this catalog (copy on write)."""
        other = Catalog.__new__(Catalog)
        other.relations = dict(self.relations)
        other.indexes = dict(self.indexes)
        other.triggers = dict(self.triggers)
        other.routines = dict(self.routines)
        other.types = dict(self.types)
        other.sequences = set(self.sequences)
        other.extensions = set(self.extensions)
        other.schemas = set(self.schemas)
        other.search_path = (DEFAULT_SCHEMA,)
        other.partial = self.partial
        other.inheritance = self.inheritance
        other.gone = self.gone
        other.serials = self.serials
        other._serials_owned = self._serials_owned = False
        other._owned = set()
        self._owned = set()
        return other

    def _own_serials(self) -> dict[str, str]:
        """``serials``, copied first if a copy of the catalog shares it."""
        if not self._serials_owned:
            self.serials = dict(self.serials)
            self._serials_owned = True
        return self.serials

    def writable(self, key: str) -> Relation | None:
        """The relation ``key`` for changing it (copied first if a snapshot shares it)."""
        relation = self.relations.get(key)
        if relation is None:
            return None
        if key not in self._owned:
            relation = relation.clone()
            self.relations[key] = relation
            self._owned.add(key)
        return relation

    def put(self, relation: Relation) -> None:
        """Add or replace a relation."""
        self.relations[relation.key] = relation
        self._owned.add(relation.key)

    # -- names ------------------------------------------------------------------------------

    def qualify(self, parts: list[str]) -> str:
        """The key of a name being created: ``schema.name`` (unqualified: the first schema of the path)."""
        if len(parts) >= 2:
            return f"{parts[-2]}.{parts[-1]}"
        return f"{self.search_path[0] if self.search_path else DEFAULT_SCHEMA}.{parts[-1]}"

    def routine_names(self) -> RoutineNames:
        """The names of the catalog's routines (see :class:`RoutineNames`).

        Every file's catalog holds the routines of the files before it, nearly always the same ones
        (or those and a few more): the names of the last catalog asked are reused, and only those of
        routines added after its ones are made."""
        keys, routines = list(self.routines), list(self.routines.values())  # lists: tuple() of a view is slower
        last_keys, last_routines, last = _names_memo[0]  # one read: another thread may replace it
        count = len(last_keys)
        if keys[:count] != last_keys or routines[:count] != last_routines:
            count, last = 0, RoutineNames((), frozenset(), ())
        if count == len(keys):
            return last
        called, words, other = set(last.called), set(last.words), set(last.other)
        for key, routine in zip(keys[count:], routines[count:], strict=True):
            name = key.rsplit(".", 1)[-1].lower()
            if not routine.trigger:
                called.add(name)
            one_word = name.isascii() and name.replace("_", "a").isalnum()  # [a-z0-9_]+ (lower case already)
            (words if one_word else other).add(name)
        names = RoutineNames(tuple(called), frozenset(words), tuple(other))
        _names_memo[0] = keys, routines, names
        return names

    def resolve(self, parts: list[str], known: Any) -> str:
        """The key of a name being used: found through the search path in ``known``, else created-style."""
        if len(parts) >= 2 or not parts:
            return self.qualify(parts) if parts else ""
        for schema in self.search_path:
            key = f"{schema}.{parts[-1]}"
            if key in known:
                return key
        # Not on this file's search path: the session may have another one (a role's default, an
        # earlier file's SET), so one object of that name in another schema is taken to be it.
        suffix = f".{parts[-1]}"
        found = [key for key in known if isinstance(key, str) and key.endswith(suffix)]
        return found[0] if len(found) == 1 else self.qualify(parts)

    def column_type(self, type_name: Node) -> tuple[ColumnType | None, bool]:
        """The type of a ``TypeName`` node as :func:`column_type` reads it, a user type written
        without its schema named by the schema the search path finds it in (a column made under
        ``SET search_path TO billing`` with type ``status`` has the type ``billing.status``), and
        whether it is a ``serial`` type."""
        read, serial = column_type(type_name)
        if read is None or "." in read.name:
            return read, serial
        for schema in self.search_path:
            key = f"{schema}.{read.name}"
            if key in self.types:
                return read._replace(name=_type_name(key)), serial
        return read, serial

    def new_key(self, range_var: Node) -> str:
        """The key of a relation a statement creates (never found in another schema)."""
        return self.qualify([p for p in (range_var.get("schemaname"), range_var.get("relname")) if p])

    def relation_key(self, range_var: Node) -> str:
        """The key of a ``RangeVar``."""
        parts = [p for p in (range_var.get("schemaname"), range_var.get("relname")) if p]
        return self.resolve(parts, self.relations)

    def relation(self, range_var: Node) -> Relation | None:
        """The relation a ``RangeVar`` names, if known."""
        return self.relations.get(self.relation_key(range_var))

    # -- replay ---------------------------------------------------------------------------

    def apply(self, kind: str, node: Node) -> None:
        """Change the catalog as the statement ``kind``/``node`` changes the schema."""
        handler = _APPLY.get(kind)
        if handler is not None:
            handler(self, node)

    def create_table(self, node: Node) -> None:
        """``CREATE TABLE`` (also ``PARTITION OF``, ``LIKE``, ``INHERITS``, ``OF type``)."""
        key = self.new_key(node["relation"])
        if key in self.relations and node.get("if_not_exists"):
            return
        relation = Relation(
            key, unlogged=node["relation"].get("relpersistence") == "u", partitioned=bool(node.get("partspec"))
        )
        if node.get("inhRelations") or node.get("partbound") or node.get("ofTypename"):
            relation.complete = False
            for parent in node.get("inhRelations") or ():
                known = self.relation(parent.get("RangeVar", {}))
                relation.parent = relation.parent or self.relation_key(parent.get("RangeVar", {}))
                self.inheritance = True
                if known is not None:
                    relation.columns.update(known.columns)
                    relation.complete = relation.complete and known.complete
        for element in node.get("tableElts") or ():
            if "ColumnDef" in element:
                self.add_column(relation, element["ColumnDef"])
            elif "Constraint" in element:
                self.add_constraint(relation, element["Constraint"])
            elif "TableLikeClause" in element:
                self._copy_like(relation, element["TableLikeClause"])
        self.put(relation)

    def _copy_like(self, relation: Relation, like: Node) -> None:
        """``LIKE source [INCLUDING ...]``: its columns with their NOT NULL, their defaults with
        ``DEFAULTS``, its checks with ``CONSTRAINTS``, and with ``INDEXES`` its indexes and the
        constraints they back, named after the new table as PostgreSQL names them."""
        source = self.relation(like.get("relation", {}))
        if source is None:
            relation.complete = False
            return
        options = like.get("options", 0)
        defaults = bool(options & _LIKE_DEFAULTS)
        relation.columns.update(
            {name: c._replace(has_default=c.has_default and defaults) for name, c in source.columns.items()}
        )
        relation.complete = relation.complete and source.complete
        table = relation.key.rsplit(".", 1)[-1]
        for constraint in source.constraints.values():
            if constraint.kind == "check" and options & _LIKE_CONSTRAINTS:
                relation.constraints[constraint.name] = constraint
            elif constraint.kind in ("primary", "unique", "exclude") and options & _LIKE_INDEXES:
                label = {"primary": "pkey", "unique": "key", "exclude": "excl"}[constraint.kind]
                name = f"{table}_pkey" if label == "pkey" else _object_name(table, "_".join(constraint.columns), label)
                relation.constraints[name] = constraint._replace(name=name)
        if not options & _LIKE_INDEXES:
            return
        schema = relation.key.rsplit(".", 1)[0]
        for index in [i for i in self.indexes.values() if i.table == source.key]:
            name = self._free_name(schema, table, list(index.labels), "idx")
            self.indexes[f"{schema}.{name}"] = index._replace(key=f"{schema}.{name}", table=relation.key)

    def add_column(self, relation: Relation, definition: Node) -> Column:
        """Add a ``ColumnDef`` (with its column constraints) to ``relation``; return the column."""
        name = definition["colname"]
        if "typeName" in definition:
            col_type, serial = self.column_type(definition["typeName"])
        else:
            col_type, serial = None, False
        nullable, has_default = not serial, serial
        owns = serial
        for item in definition.get("constraints") or ():
            constraint = item.get("Constraint", {})
            contype = constraint.get("contype")
            if contype in ("CONSTR_NOTNULL", "CONSTR_PRIMARY"):
                nullable = False
            if contype == "CONSTR_IDENTITY":
                nullable, has_default, owns = False, True, True
            if contype in ("CONSTR_DEFAULT", "CONSTR_GENERATED") and not is_null_constant(constraint.get("raw_expr")):
                has_default = True
            if contype not in ("CONSTR_NOTNULL", "CONSTR_NULL", "CONSTR_DEFAULT", "CONSTR_IDENTITY"):
                self.add_constraint(relation, constraint, column=name)
        column = Column(name, col_type, nullable, has_default, collation_of(definition))
        relation.columns[name] = column
        if owns:  # the sequence keeps the name it gets now when the table or column is renamed
            schema, _, table = relation.key.rpartition(".")
            sequence = f"{schema}.{table}_{name}_seq"
            self.sequences.add(sequence)
            self._own_serials()[sequence] = relation.key
        return column

    def add_constraint(self, relation: Relation, constraint: Node, column: str | None = None) -> Constraint:
        """Add a table (or column) constraint to ``relation``; a primary key makes its columns NOT NULL."""
        contype = constraint.get("contype", "")
        kind = {
            "CONSTR_PRIMARY": "primary",
            "CONSTR_UNIQUE": "unique",
            "CONSTR_CHECK": "check",
            "CONSTR_FOREIGN": "foreign",
            "CONSTR_EXCLUSION": "exclude",
            "CONSTR_NOTNULL": "notnull",
        }.get(contype, "other")
        columns = tuple(strings(constraint.get("keys"))) or tuple(strings(constraint.get("fk_attrs")))
        columns = columns or self.index_columns(relation.key, constraint)
        if not columns and column is not None:
            columns = (column,)
        if kind == "primary":
            for name in columns:
                known = relation.columns.get(name)
                if known is not None:
                    relation.columns[name] = known._replace(nullable=False)
        not_null = not_null_check(constraint) if kind == "check" else None
        reads = _column_reads(constraint.get("raw_expr")) if kind == "check" else frozenset()
        table = relation.key.rsplit(".", 1)[-1]
        suffix = {"primary": "pkey", "unique": "key", "check": "check", "foreign": "fkey", "exclude": "excl"}
        # a check is named after its column when its expression reads exactly one
        named_after = columns or (tuple(reads) if len(reads) == 1 else ())
        default_name = (
            f"{table}_pkey"
            if kind == "primary"
            else f"{table}_{'_'.join(named_after)}_{suffix.get(kind, 'not_null')}".replace("__", "_")
        )
        name = constraint.get("conname") or default_name
        if not constraint.get("conname") and kind == "check":
            name = next(
                candidate
                for number in range(len(relation.constraints) + 1)
                if (candidate := f"{default_name}{number or ''}") not in relation.constraints
            )
        pktable = constraint.get("pktable") if kind == "foreign" else None
        references = self.relation_key(pktable) if pktable else None
        if references is not None and references not in self.relations and references != relation.key:
            self.partial = True
        made = Constraint(name, kind, columns, not_null, references, reads)
        relation.constraints[name] = made
        if constraint.get("indexname"):  # USING INDEX: the index becomes the constraint's
            self.indexes.pop(f"{relation.key.rsplit('.', 1)[0]}.{constraint['indexname']}", None)
        return made

    def index_columns(self, table: str, constraint: Node) -> tuple[str, ...]:
        """The columns of the index that a ``PRIMARY KEY``/``UNIQUE ... USING INDEX`` constraint of
        ``table`` takes over (empty: no such index known)."""
        index = self.indexes.get(f"{table.rsplit('.', 1)[0]}.{constraint.get('indexname')}")
        return index.columns if index is not None and constraint.get("indexname") else ()

    def alter_table(self, node: Node) -> None:
        """``ALTER TABLE`` (and ``ALTER INDEX``/``VIEW``/``SEQUENCE`` options)."""
        if node.get("objtype", "OBJECT_TABLE") not in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"):
            return
        relation = self.altered(self.relation_key(node["relation"]))
        for item in node.get("cmds") or ():
            self.alter_table_cmd(relation, item.get("AlterTableCmd", {}), recurse=node["relation"].get("inh", False))

    def altered(self, key: str) -> Relation:
        """The table ``key`` for an ``ALTER TABLE`` to change: one no statement created is taken to
        exist with columns the catalog does not know (and the history to show only part of the schema)."""
        relation = self.writable(key)
        if relation is None:
            self.partial = True
            relation = Relation(key, complete=False)
            self.put(relation)
        return relation

    def alter_table_cmd(self, relation: Relation, cmd: Node, *, recurse: bool = False) -> None:
        """One ``ALTER TABLE`` action; ``recurse`` (no ``ONLY``): column changes reach the partitions
        and inheriting tables too, as PostgreSQL makes them."""
        self._alter_table_cmd(relation, cmd)
        if recurse and self.inheritance and cmd.get("subtype") in _RECURSING:
            for child in [r.key for r in self.relations.values() if r.parent == relation.key]:
                changed = self.writable(child)
                assert changed is not None
                self.alter_table_cmd(changed, cmd, recurse=True)

    def _alter_table_cmd(self, relation: Relation, cmd: Node) -> None:
        subtype = cmd.get("subtype")
        name = cmd.get("name")
        column = relation.columns.get(name) if name else None
        if subtype == "AT_AddColumn":
            definition = cmd.get("def", {}).get("ColumnDef", {})
            if definition.get("colname") in relation.columns and cmd.get("missing_ok"):
                return
            self.add_column(relation, definition)
        elif subtype == "AT_DropColumn" and name:
            self._drop_column(relation, name)
        elif subtype == "AT_SetNotNull" and name:
            relation.columns[name] = (column or Column(name, None))._replace(nullable=False)
        elif subtype == "AT_DropNotNull" and name:
            relation.columns[name] = (column or Column(name, None))._replace(nullable=True)
        elif subtype == "AT_ColumnDefault" and name:
            has_default = cmd.get("def") is not None and not is_null_constant(cmd.get("def"))
            relation.columns[name] = (column or Column(name, None))._replace(has_default=has_default)
        elif subtype in ("AT_AddIdentity", "AT_SetIdentity") and name:
            relation.columns[name] = (column or Column(name, None))._replace(nullable=False, has_default=True)
        elif subtype == "AT_DropIdentity" and name and column is not None:
            relation.columns[name] = column._replace(has_default=False)
        elif subtype == "AT_AlterColumnType" and name:
            definition = cmd.get("def", {}).get("ColumnDef", {})
            new_type, _ = self.column_type(definition.get("typeName", {}))
            relation.columns[name] = (column or Column(name, None))._replace(
                type=new_type, collation=collation_of(definition)
            )
        elif subtype == "AT_AddConstraint":
            self.add_constraint(relation, cmd.get("def", {}).get("Constraint", {}))
        elif subtype == "AT_DropConstraint" and name:
            relation.constraints.pop(name, None)
        elif subtype in ("AT_SetUnLogged", "AT_SetLogged"):
            relation.unlogged = subtype == "AT_SetUnLogged"
        elif subtype in ("AT_AttachPartition", "AT_AddInherit", "AT_DetachPartition", "AT_DropInherit"):
            child = cmd.get("def", {}).get("PartitionCmd", {}).get("name") or cmd.get("def", {}).get("RangeVar")
            attached = self.writable(self.relation_key(child)) if subtype == "AT_AttachPartition" and child else None
            if attached is not None:
                attached.parent = relation.key
                self.inheritance = True
            elif subtype in ("AT_AddInherit", "AT_DropInherit"):
                relation.parent = self.relation_key(child) if subtype == "AT_AddInherit" and child else None
                self.inheritance = self.inheritance or relation.parent is not None
            elif child:
                detached = self.writable(self.relation_key(child))
                if detached is not None:
                    detached.parent = None
                    self._keep_partition_indexes(relation.key, detached.key)

    def _keep_partition_indexes(self, parent: str, child: str) -> None:
        """A detached partition keeps its copies of the parent's indexes: those the history did not
        name (PostgreSQL made them when the parent's index was created) get the name it chose."""
        own = {(index.columns, index.reads) for index in self.indexes.values() if index.table == child}
        for index in [i for i in self.indexes.values() if i.table == parent and (i.columns, i.reads) not in own]:
            schema, _, base = child.rpartition(".")
            labels = list(index.labels) or [c if c != "(expr)" else "expr" for c in index.columns]
            name = self._free_name(schema, base, labels, "idx")
            key = f"{schema}.{name}"
            self.indexes[key] = index._replace(key=key, table=child)

    def drop(self, node: Node) -> None:
        """``DROP`` of any kind of object."""
        kind = node.get("removeType", "")
        for item in node.get("objects") or ():
            parts = object_name(item)
            if not parts:
                continue
            if kind in ("OBJECT_TABLE", "OBJECT_VIEW", "OBJECT_MATVIEW", "OBJECT_FOREIGN_TABLE"):
                key = self.resolve(parts, self.relations)
                if node.get("behavior") == "DROP_CASCADE":
                    self._drop_dependents_of(key)
                self._drop_relation(key)
            elif kind == "OBJECT_INDEX":
                self._forget("index", self.resolve(parts, self.indexes), self.indexes)
            elif kind == "OBJECT_SEQUENCE":
                key = self.resolve(parts, self.sequences)
                if key in self.sequences:
                    self.sequences.discard(key)
                    self.gone |= {("sequence", key)}
            elif kind in ("OBJECT_TYPE", "OBJECT_DOMAIN"):
                key = self.resolve(parts, self.types)
                if node.get("behavior") == "DROP_CASCADE":
                    self._drop_columns_of_type(key)
                self._forget("type", key, self.types)
            elif kind in ("OBJECT_FUNCTION", "OBJECT_PROCEDURE", "OBJECT_ROUTINE", "OBJECT_AGGREGATE"):
                key = self.resolve(parts, self.routines)
                known = self.routines.get(key)
                named = dropped_signature(item)
                if known is not None and named is not None and known.others:
                    left = known.without(named)
                    if left is not None:  # one overload of several: the name stays, with the others
                        self.routines[key] = left
                        continue
                if known is not None and None not in (known.arguments, named) and known.arguments != named:
                    continue  # another overload than the ones the catalog keeps under this name
                if node.get("behavior") == "DROP_CASCADE":
                    for trigger in self.triggers_calling(key):
                        del self.triggers[trigger]
                self._forget("routine", key, self.routines)
            elif kind == "OBJECT_TRIGGER" and len(parts) >= 2:
                table = self.resolve(parts[:-1], self.relations)
                self.triggers.pop((table, parts[-1]), None)
            elif kind == "OBJECT_EXTENSION":
                self.extensions.discard(parts[-1])
                if node.get("behavior") == "DROP_CASCADE":
                    self._drop_columns_of_extension(parts[-1])
            elif kind == "OBJECT_SCHEMA":
                self.schemas.discard(parts[-1])
                if node.get("behavior") == "DROP_CASCADE":
                    self._drop_schema_contents(parts[-1])

    def dropped_away(self, kind: str, key: str) -> bool:
        """Whether a statement dropped (or renamed away) the ``kind`` object ``key`` (a kind of
        :attr:`gone`: relation, index, sequence, type, routine) and none made it again."""
        if (kind, key) not in self.gone:
            return False
        known: Any = {
            "relation": self.relations,
            "index": self.indexes,
            "sequence": self.sequences,
            "type": self.types,
            "routine": self.routines,
        }[kind]
        return key not in known

    def _forget(self, kind: str, key: str, known: dict[str, Any]) -> None:
        """The ``kind`` object ``key`` is dropped: out of ``known``, and gone if it was there."""
        if known.pop(key, None) is not None:
            self.gone |= {(kind, key)}

    def _drop_relation(self, key: str) -> None:
        """The table or view ``key`` is dropped, with its indexes, triggers and serial sequences."""
        self._forget("relation", key, self.relations)
        for index_key, index in list(self.indexes.items()):
            if index.table == key:
                self._forget("index", index_key, self.indexes)
        for trigger in [t for t in self.triggers if t[0] == key]:
            del self.triggers[trigger]
        for sequence in [s for s, table in self.serials.items() if table == key]:
            del self._own_serials()[sequence]
            if sequence in self.sequences:
                self.sequences.discard(sequence)
                self.gone |= {("sequence", sequence)}

    def _drop_schema_contents(self, schema: str) -> None:
        """CASCADE of a schema: everything in it goes (and the foreign keys that refer to its tables)."""
        prefix = f"{schema}."
        for key in [k for k in self.relations if k.startswith(prefix)]:
            self._drop_dependents_of(key)
            self.relations.pop(key, None)
        self.indexes = {k: i for k, i in self.indexes.items() if not i.table.startswith(prefix)}
        self.triggers = {t: f for t, f in self.triggers.items() if not t[0].startswith(prefix)}
        self.routines = {k: r for k, r in self.routines.items() if not k.startswith(prefix)}
        self.types = {k: t for k, t in self.types.items() if not k.startswith(prefix)}
        self.sequences = {k for k in self.sequences if not k.startswith(prefix)}

    def _drop_dependents_of(self, key: str) -> None:
        """CASCADE of a table or view: the views on it go, and the foreign keys that refer to it."""
        for view in self._views_on({key}):
            self._drop_relation(view)
        for relation in list(self.relations.values()):
            if relation.key != key and any(c.references == key for c in relation.constraints.values()):
                changed = self.writable(relation.key)
                assert changed is not None
                changed.constraints = {n: c for n, c in changed.constraints.items() if c.references != key}

    def _drop_column(self, relation: Relation, name: str) -> None:
        """A column goes, and with it the constraints and indexes that use it."""
        relation.columns.pop(name, None)
        for constraint_name, constraint in list(relation.constraints.items()):
            if name in constraint.columns or constraint.not_null == name or name in constraint.reads:
                del relation.constraints[constraint_name]
        for index_key, index in list(self.indexes.items()):
            if index.table == relation.key and (name in index.columns or name in index.reads):
                self._forget("index", index_key, self.indexes)

    def _drop_columns_of_type(self, key: str) -> None:
        """CASCADE of a type or domain: the columns of that type go (with their constraints and indexes)."""
        name = display(key)
        for relation in list(self.relations.values()):
            typed = [c.name for c in relation.columns.values() if c.type is not None and c.type.name == name]
            if typed:
                changed = self.writable(relation.key)
                assert changed is not None
                for column in typed:
                    self._drop_column(changed, column)

    def _extension_columns(self, extension: str) -> list[tuple[Relation, Column]]:
        """The columns of a type that the well-known ``extension`` creates (in whatever schema)."""
        types = EXTENSION_TYPES.get(extension, ())
        return [
            (relation, column)
            for relation in self.relations.values()
            for column in relation.columns.values()
            if types and column.type is not None and column.type.name.rsplit(".", 1)[-1] in types
        ]

    def _drop_columns_of_extension(self, extension: str) -> None:
        """CASCADE of an extension: the columns of the types it made go."""
        for relation, column in self._extension_columns(extension):
            changed = self.writable(relation.key)
            assert changed is not None
            self._drop_column(changed, column.name)

    def rename(self, node: Node) -> None:
        """``ALTER ... RENAME``."""
        kind = node.get("renameType", "")
        new = node.get("newname", "")
        if kind in ("OBJECT_TABLE", "OBJECT_VIEW", "OBJECT_MATVIEW", "OBJECT_FOREIGN_TABLE") and node.get("relation"):
            old = self.relation_key(node["relation"])
            self._move_relation(old, f"{old.rsplit('.', 1)[0]}.{new}")
        elif kind == "OBJECT_COLUMN" and node.get("relation"):
            self._rename_column(self.relation_key(node["relation"]), node.get("subname", ""), new)
        elif kind == "OBJECT_TABCONSTRAINT" and node.get("relation"):
            relation = self.writable(self.relation_key(node["relation"]))
            old_name = node.get("subname", "")
            if relation is not None and old_name in relation.constraints:
                relation.constraints[new] = (relation.constraints.pop(old_name))._replace(name=new)
        elif kind == "OBJECT_INDEX" and node.get("relation"):
            parts = [p for p in (node["relation"].get("schemaname"), node["relation"]["relname"]) if p]
            old = self.resolve(parts, self.indexes)
            if old in self.indexes:
                key = f"{old.rsplit('.', 1)[0]}.{new}"
                self.indexes[key] = (self.indexes.pop(old))._replace(key=key)
        elif kind == "OBJECT_SEQUENCE" and node.get("relation"):
            parts = [p for p in (node["relation"].get("schemaname"), node["relation"]["relname"]) if p]
            old = self.resolve(parts, self.sequences)
            if old in self.sequences:
                self.sequences.discard(old)
                self.sequences.add(f"{old.rsplit('.', 1)[0]}.{new}")
        elif kind in ("OBJECT_TYPE", "OBJECT_DOMAIN"):
            old = self.resolve(object_name(node.get("object")), self.types)
            info = self.types.pop(old, None)
            if info is not None:
                key = f"{old.rsplit('.', 1)[0]}.{new}"
                self.types[key] = info._replace(key=key)
                self.retype_columns(_type_name(old), _type_name(key))
        elif kind in ("OBJECT_FUNCTION", "OBJECT_PROCEDURE", "OBJECT_ROUTINE"):
            old = self.resolve(object_name(node.get("object")), self.routines)
            routine = self.routines.pop(old, None)
            if routine is not None:
                key = f"{old.rsplit('.', 1)[0]}.{new}"
                self.routines[key] = routine._replace(key=key)
        elif kind == "OBJECT_TRIGGER" and node.get("relation"):
            table = self.relation_key(node["relation"])
            function = self.triggers.pop((table, node.get("subname", "")), None)
            if function is not None:
                self.triggers[(table, new)] = function
        elif kind == "OBJECT_SCHEMA":
            self._rename_schema(node.get("subname", ""), new)

    def _rename_column(self, key: str, old: str, new: str) -> None:
        """A column renamed, in the partitions and inheriting tables too."""
        relation = self.writable(key)
        if relation is None or old not in relation.columns:
            return
        relation.columns = {
            (new if name == old else name): (c._replace(name=new) if name == old else c)
            for name, c in relation.columns.items()
        }
        for constraint_name, constraint in list(relation.constraints.items()):
            relation.constraints[constraint_name] = constraint._replace(
                columns=tuple(new if c == old else c for c in constraint.columns),
                not_null=new if constraint.not_null == old else constraint.not_null,
                reads=constraint.reads - {old} | ({new} if old in constraint.reads else set()),
            )
        for index_key, index in list(self.indexes.items()):
            if index.table == key and (old in index.columns or old in index.reads):
                columns = tuple(new if c == old else c for c in index.columns)
                self.indexes[index_key] = index._replace(columns=columns, reads=index.reads - {old} | {new})
        for child in [r.key for r in self.relations.values() if r.parent == key] if self.inheritance else ():
            self._rename_column(child, old, new)

    def _move_relation(self, old: str, new: str, *, indexes_move: bool = False) -> None:
        """The relation ``old`` is called ``new`` now: its indexes (moved to its new schema too when
        ``indexes_move``) and triggers follow it."""
        relation = self.relations.pop(old, None)
        if relation is None:
            return
        self.gone |= {("relation", old)}
        for sequence, table in list(self.serials.items()):
            if table == old:
                del self._own_serials()[sequence]
                if indexes_move and sequence in self.sequences:  # a schema move takes them along
                    self.sequences.discard(sequence)
                    sequence = f"{new.rsplit('.', 1)[0]}.{sequence.rsplit('.', 1)[-1]}"
                    self.sequences.add(sequence)
                self._own_serials()[sequence] = new
        moved = relation.clone()
        moved.key = new
        self.put(moved)
        schema = new.rsplit(".", 1)[0]
        for index_key, index in list(self.indexes.items()):
            if index.table == old:
                del self.indexes[index_key]
                key = f"{schema}.{index_key.rsplit('.', 1)[-1]}" if indexes_move else index_key
                self.indexes[key] = index._replace(key=key, table=new)
        for table, trigger in [t for t in self.triggers if t[0] == old]:
            self.triggers[(new, trigger)] = self.triggers.pop((table, trigger))
        for child in [r.key for r in self.relations.values() if r.parent == old] if self.inheritance else ():
            changed = self.writable(child)
            assert changed is not None
            changed.parent = new

    def _rename_schema(self, old: str, new: str) -> None:
        """``ALTER SCHEMA old RENAME TO new``: everything in it keeps its name in the new schema."""
        self.schemas.discard(old)
        self.schemas.add(new)
        prefix = f"{old}."

        def moved(key: str) -> str:
            return f"{new}.{key[len(prefix) :]}" if key.startswith(prefix) else key

        for key in [k for k in self.relations if k.startswith(prefix)]:
            self._move_relation(key, moved(key), indexes_move=True)
        self.routines = {moved(k): r._replace(key=moved(k)) for k, r in self.routines.items()}
        self.sequences = {moved(k) for k in self.sequences}
        for key in [k for k in self.types if k.startswith(prefix)]:
            self.types[moved(key)] = self.types.pop(key)._replace(key=moved(key))
            self.retype_columns(_type_name(key), _type_name(moved(key)))

    def retype_columns(self, old: str, new: str) -> None:
        """Columns of the renamed type ``old`` now have the type ``new``."""
        for key, relation in list(self.relations.items()):
            if any(c.type is not None and c.type.name == old for c in relation.columns.values()):
                changed = self.writable(key)
                assert changed is not None
                for name, column in changed.columns.items():
                    if column.type is not None and column.type.name == old:
                        changed.columns[name] = column._replace(type=column.type._replace(name=new))

    def create_index(self, node: Node) -> None:
        """``CREATE INDEX``."""
        table = self.relation_key(node["relation"])
        self.partial = self.partial or table not in self.relations
        key = f"{table.rsplit('.', 1)[0]}.{node.get('idxname') or self._index_name(table, node)}"
        if key in self.indexes and node.get("if_not_exists"):
            return
        columns = tuple(
            element.get("IndexElem", {}).get("name") or "(expr)" for element in node.get("indexParams") or ()
        )
        unique = bool(node.get("unique") or node.get("primary"))
        self.indexes[key] = Index(key, table, columns, unique, tuple(_index_labels(node)), _index_reads(node))

    def _index_name(self, table: str, node: Node) -> str:
        """The name PostgreSQL gives an unnamed index: ``table_col1_col2_idx``, ``1``, ``2``... after
        the label while the name is taken."""
        schema, _, base = table.rpartition(".")
        label = "pkey" if node.get("primary") else "key" if node.get("isconstraint") else "idx"
        return self._free_name(schema, base, _index_labels(node), label)

    def _free_name(self, schema: str, base: str, columns: list[str], label: str) -> str:
        """``base_col1_col2_label``, numbered after the label while an index, relation or sequence
        of the schema has that name (as PostgreSQL chooses)."""
        attempt = 0
        while True:
            name = _object_name(base, "_".join(columns), f"{label}{attempt}" if attempt else label)
            key = f"{schema}.{name}"
            if key not in self.indexes and key not in self.relations and key not in self.sequences:
                return name
            attempt += 1

    def create_view(self, node: Node) -> None:
        """``CREATE [OR REPLACE] VIEW`` (columns are not modelled)."""
        key = self.new_key(node["view"])
        self.put(Relation(key, kind="view", complete=False, uses=self._reads(node.get("query"))))

    def create_table_as(self, node: Node) -> None:
        """``CREATE TABLE AS`` / ``CREATE MATERIALIZED VIEW``: a relation whose columns are not modelled."""
        into = node.get("into", {})
        key = self.new_key(into.get("rel", {}))
        if key in self.relations and node.get("if_not_exists"):
            return
        kind = "matview" if node.get("objtype") == "OBJECT_MATVIEW" else "table"
        uses = self._reads(node.get("query")) if kind == "matview" else frozenset()
        self.put(Relation(key, kind=kind, complete=False, uses=uses))

    def _reads(self, query: Node | None) -> frozenset[str]:
        """The relations a query names (with CTE names among them: harmless, nothing is called so)."""
        return frozenset(self.relation_key(item["RangeVar"]) for item in walk(query) if "RangeVar" in item)

    def dependents(self, kind: str, key: str) -> list[str]:
        """What ``DROP ... CASCADE`` of the ``kind`` object ``key`` drops besides it, as far as the
        catalog knows: views reading a table or view (and views on those), foreign keys referring
        to a table, columns of a type or domain."""
        found: list[str] = []
        if kind in ("table", "view"):
            views = self._views_on({key})
            kinds = {"matview": "materialized view"}
            found += [f"{kinds.get(self.relations[view].kind, 'view')} {display(view)}" for view in views]
            for relation in self.relations.values():
                if relation.key == key or relation.key in views:
                    continue
                found += [
                    f"foreign key {name} of {display(relation.key)}"
                    for name, constraint in relation.constraints.items()
                    if constraint.references == key
                ]
        elif kind in ("type", "domain"):
            name = display(key)
            for relation in self.relations.values():
                found += [
                    f"column {display(relation.key)}.{column.name}"
                    for column in relation.columns.values()
                    if column.type is not None and column.type.name == name
                ]
        elif kind in ("function", "procedure", "routine"):
            found += [f"trigger {trigger} on {display(table)}" for table, trigger in self.triggers_calling(key)]
        elif kind == "extension":
            found += [f"column {display(r.key)}.{column.name}" for r, column in self._extension_columns(key)]
        return found

    def recreatable_dependents(self, kind: str, key: str) -> list[tuple[str, str]] | None:
        """What ``DROP ... CASCADE`` of ``key`` drops besides it, as ``(kind, key)`` of objects a
        later statement can create again (views, triggers); ``None`` when it drops data or
        constraints of other tables (columns, foreign keys), which no later statement brings back."""
        if kind in ("type", "domain", "extension"):
            return None if self.dependents(kind, key) else []
        if kind in ("function", "procedure", "routine"):
            return [("trigger", f"{table}.{trigger}") for table, trigger in self.triggers_calling(key)]
        if kind in ("table", "view"):
            views = self._views_on({key})
            referring = (
                relation
                for relation in self.relations.values()
                if relation.key != key
                and relation.key not in views
                and any(c.references == key for c in relation.constraints.values())
            )
            return None if next(referring, None) is not None else [("view", view) for view in views]
        return []

    def triggers_calling(self, routine: str) -> list[tuple[str, str]]:
        """The ``(table, trigger)`` of the triggers that execute the function ``routine``."""
        return [
            pair
            for pair, function in self.triggers.items()
            if self.resolve(function.split("."), self.routines) == routine
        ]

    def _views_on(self, keys: set[str]) -> list[str]:
        """The views and materialized views that read any of ``keys``, directly or through other views."""
        found: list[str] = []
        reached = set(keys)
        changed = True
        while changed:
            changed = False
            for relation in self.relations.values():
                if relation.key not in reached and relation.uses & reached:
                    reached.add(relation.key)
                    found.append(relation.key)
                    changed = True
        return found

    def create_sequence(self, node: Node) -> None:
        """``CREATE SEQUENCE``."""
        self.sequences.add(self.new_key(node["sequence"]))

    def create_enum(self, node: Node) -> None:
        """``CREATE TYPE ... AS ENUM``."""
        key = self.qualify(strings(node.get("typeName")))
        values = tuple(strings(node.get("vals")))
        self.types[key] = TypeInfo(key, "enum", values)

    def alter_enum(self, node: Node) -> None:
        """``ALTER TYPE ... ADD VALUE`` / ``RENAME VALUE``."""
        key = self.resolve(strings(node.get("typeName")), self.types)
        info = self.types.get(key, TypeInfo(key, "enum"))
        values = list(info.values)
        old, new = node.get("oldVal"), node.get("newVal", "")
        if old:
            values = [new if v == old else v for v in values]
        elif new not in values:
            neighbor = node.get("newValNeighbor")
            at = values.index(neighbor) + bool(node.get("newValIsAfter")) if neighbor in values else len(values)
            values.insert(at, new)
        self.types[key] = info._replace(values=tuple(values))

    def create_function(self, node: Node) -> None:
        """``CREATE [OR REPLACE] FUNCTION/PROCEDURE``."""
        key = self.qualify(strings(node.get("funcname")))
        volatile = True
        body = language = ""
        for option in node.get("options") or ():
            element = option.get("DefElem", {})
            name = element.get("defname")
            if name == "volatility":
                volatile = _string_value(element.get("arg")) == "volatile"
            elif name == "language":
                language = (_string_value(element.get("arg")) or "").lower()
            elif name == "as":
                items = element.get("arg", {}).get("List", {}).get("items") or [{}]
                body = items[0].get("String", {}).get("sval") or ""
        returns: list[Node] = (node.get("returnType") or {}).get("names") or [{}]
        trigger = returns[-1].get("String", {}).get("sval") in ("trigger", "event_trigger")
        if trigger or language not in ("sql", "plpgsql"):
            body = language = ""
        if not self.partial and _builds_triggers(node):
            self.partial = True  # calling it makes triggers that no statement the lint sees shows
        kind = "procedure" if node.get("is_procedure") else "function"
        parameters = node.get("parameters") or []
        optional = sum(1 for p in parameters if "defexpr" in p.get("FunctionParameter", {}))
        # only what the head is written from: the catalog crosses to the lint's worker processes pickled
        created = {part: node[part] for part in _HEAD_PARTS if part in node} if language else None
        made = Routine(key, kind, volatile, trigger, body, language, signature(parameters), optional, created)
        known = self.routines.get(key)
        if known is not None and made.arguments is not None:  # another overload, or this one replaced
            others = tuple(r._replace(others=()) for r in known.overloads if r.arguments not in (None, made.arguments))
            made = made._replace(others=others)
        self.routines[key] = made

    def keep_atomic_body(self, node: Node, body: str) -> None:
        """The statements between ``BEGIN ATOMIC`` and ``END`` of the routine just created by ``node``
        (the text its parsed node lacks), kept as its body."""
        key = self.qualify(strings(node.get("funcname")))
        routine = self.routines.get(key)
        if routine is not None and routine.language == "sql":
            self.routines[key] = routine._replace(body=body)

    def create_trigger(self, node: Node) -> None:
        """``CREATE [OR REPLACE] TRIGGER``."""
        table = self.relation_key(node["relation"])
        self.partial = self.partial or table not in self.relations
        self.triggers[(table, node.get("trigname", ""))] = ".".join(strings(node.get("funcname")))

    def create_extension(self, node: Node) -> None:
        """``CREATE EXTENSION``."""
        self.extensions.add(node.get("extname", ""))

    def create_schema(self, node: Node) -> None:
        """``CREATE SCHEMA`` (with the objects it creates)."""
        name = node.get("schemaname") or node.get("authrole", {}).get("RoleSpec", {}).get("rolename", "")
        self.schemas.add(name)
        saved = self.search_path
        self.search_path = (name,)
        for element in node.get("schemaElts") or ():
            (kind, inner), *_ = element.items()
            self.apply(kind, inner)
        self.search_path = saved

    def move_schema(self, node: Node) -> None:
        """``ALTER ... SET SCHEMA``."""
        if node.get("objectType") in ("OBJECT_TABLE", "OBJECT_VIEW", "OBJECT_MATVIEW") and node.get("relation"):
            old = self.relation_key(node["relation"])
            self._move_relation(old, f"{node.get('newschema')}.{old.rsplit('.', 1)[-1]}", indexes_move=True)

    def set_variable(self, node: Node) -> None:
        """``SET search_path`` changes how the rest of the file resolves names."""
        if node.get("name") != "search_path" or node.get("kind") not in ("VAR_SET_VALUE", "VAR_SET_DEFAULT"):
            return
        path = [_string_value(arg) for arg in node.get("args") or ()]
        names = tuple(p for p in path if p and p != "$user")
        self.search_path = names or (DEFAULT_SCHEMA,)

    def select(self, node: Node) -> None:
        """``SELECT ... INTO new_table`` creates a table; ``set_config('search_path', ...)`` sets the path."""
        if node.get("intoClause"):
            key = self.new_key(node["intoClause"].get("rel", {}))
            self.put(Relation(key, complete=False))
        for item in walk(node.get("targetList")):
            call = item.get("FuncCall")
            if call and strings(call.get("funcname"))[-1:] == ["set_config"]:
                args = [_string_value(a) for a in call.get("args") or ()]
                if args[:1] == ["search_path"] and len(args) > 1 and args[1] is not None:
                    names = tuple(p.strip().strip('"') for p in args[1].split(",") if p.strip())
                    self.search_path = tuple(p for p in names if p != "$user") or ("pg_catalog",)


def _column_reads(*parts: Any) -> frozenset[str]:
    """The columns that the expressions (and index elements) ``parts`` read."""
    reads: set[str] = set()
    for item in walk(list(parts)):
        fields = strings(item.get("ColumnRef", {}).get("fields"))
        name = fields[-1] if fields else item.get("IndexElem", {}).get("name")
        if name:
            reads.add(name)
    return frozenset(reads)


def _index_reads(node: Node) -> frozenset[str]:
    """The columns that the index ``node`` creates reads in its keys, expressions, INCLUDE list and
    WHERE predicate."""
    return _column_reads(node.get("indexParams"), node.get("indexIncludingParams"), node.get("whereClause"))


def _index_labels(node: Node) -> list[str]:
    """The names PostgreSQL gives the key and INCLUDE columns of the index ``node`` creates (an
    expression by its function's name, else ``expr``; a repeated name numbered)."""
    labels: list[str] = []
    for element in [*(node.get("indexParams") or ()), *(node.get("indexIncludingParams") or ())]:
        item = element.get("IndexElem", {})
        name = item.get("indexcolname") or item.get("name") or _figure_name(item.get("expr")) or "expr"
        suffix = 0
        while (f"{name}{suffix}" if suffix else name) in labels:
            suffix += 1
        labels.append(f"{name}{suffix}" if suffix else name)
    return labels


def _figure_name(expression: Node | None) -> str | None:
    """The name PostgreSQL gives an index column on ``expression``: a column's, a function's."""
    if not expression:
        return None
    if "ColumnRef" in expression:
        fields = strings(expression["ColumnRef"].get("fields"))
        return fields[-1] if fields else None
    if "FuncCall" in expression:
        return strings(expression["FuncCall"].get("funcname"))[-1]
    if "TypeCast" in expression:
        cast = expression["TypeCast"]
        names = strings(cast.get("typeName", {}).get("names"))
        return _figure_name(cast.get("arg")) or (names[-1] if names else None)
    if "CaseExpr" in expression:
        return "case"
    return None


def _object_name(table: str, columns: str, label: str) -> str:
    """``table_columns_label`` cut to PostgreSQL's 63 bytes, the longer of the two names first."""
    room = 63 - len(label) - 1 - (1 if columns else 0)
    table_chars, column_chars = len(table.encode()), len(columns.encode())
    while table_chars + column_chars > room:
        if table_chars > column_chars:
            table_chars -= 1
        else:
            column_chars -= 1
    table = table.encode()[:table_chars].decode(errors="ignore")
    columns = columns.encode()[:column_chars].decode(errors="ignore")
    return f"{table}_{columns}_{label}" if columns else f"{table}_{label}"


_DYNAMIC_TRIGGER = LazyPattern(r"\bexecute\b.*\bcreate\s+(?:or\s+replace\s+)?(?:constraint\s+)?trigger\b", re.I | re.S)


def _builds_triggers(node: Node) -> bool:
    """Whether a ``CREATE FUNCTION``'s body runs a ``CREATE TRIGGER`` that it builds (``EXECUTE``)."""
    for option in node.get("options") or ():
        element = option.get("DefElem", {})
        if element.get("defname") == "as":
            body = " ".join(strings(element.get("arg", {}).get("List", {}).get("items")))
            return _DYNAMIC_TRIGGER.search(body) is not None
    return False


def not_null_check(constraint: Node) -> str | None:
    """The column of a ``CHECK (column IS NOT NULL)`` constraint, or ``None``."""
    expression = constraint.get("raw_expr", {})
    test = expression.get("NullTest")
    if not test or test.get("nulltesttype") != "IS_NOT_NULL":
        return None
    reference = test.get("arg", {}).get("ColumnRef", {})
    fields = strings(reference.get("fields"))
    return fields[-1] if len(fields) == 1 else None


def is_null_constant(expression: Node | None) -> bool:
    """Whether a default expression is absent or the constant NULL: the literal, cast
    (``NULL::int``, ``CAST(NULL AS int)``) or signed (``-NULL::int``: a sign of NULL is NULL)."""
    if not expression:
        return True
    if "TypeCast" in expression:
        return bool(expression["TypeCast"].get("arg")) and is_null_constant(expression["TypeCast"]["arg"])
    operation = expression.get("A_Expr")
    if operation is not None:
        unary = operation.get("kind") == "AEXPR_OP" and not operation.get("lexpr")
        signed = unary and strings(operation.get("name")) in (["-"], ["+"])
        return signed and bool(operation.get("rexpr")) and is_null_constant(operation["rexpr"])
    constant = expression.get("A_Const")
    return bool(constant is not None and constant.get("isnull"))


def _string_value(node: Node | None) -> str | None:
    if not node:
        return None
    if "String" in node:
        return str(node["String"].get("sval", ""))
    if "A_Const" in node:
        constant = node["A_Const"]
        if "sval" in constant:
            return str(constant["sval"].get("sval", ""))
    if "TypeCast" in node:
        return _string_value(node["TypeCast"].get("arg"))
    return None


def display(key: str) -> str:
    """How a finding names an object: ``users`` for ``public.users``, else ``schema.name``."""
    schema, _, name = key.rpartition(".")
    return name if schema in ("public", "") else key


def object_name(item: Any) -> list[str]:
    """The name parts of a ``DropStmt``/``RenameStmt`` object (a List, a TypeName, an ObjectWithArgs)."""
    if not item:
        return []
    if "List" in item:
        return strings(item["List"].get("items"))
    if "TypeName" in item:
        return strings(item["TypeName"].get("names"))
    if "ObjectWithArgs" in item:
        return strings(item["ObjectWithArgs"].get("objname"))
    if "String" in item:
        return [item["String"]["sval"]]
    return []


#: The routine keys, the routines and the names of the catalog that ``Catalog.routine_names`` last
#: answered, as one tuple: read and replaced whole, so threads linting at once never mix two catalogs'.
_names_memo: list[tuple[list[str], list[Routine], RoutineNames]] = [([], [], RoutineNames((), frozenset(), ()))]


#: The parts of a ``CREATE FUNCTION``'s node that its head is written from (and whether it is ``BEGIN ATOMIC``)
_HEAD_PARTS = ("funcname", "parameters", "returnType", "is_procedure", "sql_body")


#: ``ALTER TABLE`` actions on columns that PostgreSQL makes on the partitions and inheriting tables too
_RECURSING = frozenset(
    {"AT_AddColumn", "AT_DropColumn", "AT_SetNotNull", "AT_DropNotNull", "AT_ColumnDefault", "AT_AlterColumnType"}
)


def _type_name(key: str) -> str:
    """How a column type names the user type ``key`` (``public.mood`` -> ``mood``)."""
    schema, _, name = key.rpartition(".")
    return name if schema == DEFAULT_SCHEMA else key


def _type_handler(kind: str) -> Any:
    """A replay handler that registers the user type a statement creates, of ``kind``."""

    def handler(catalog: Catalog, node: Node) -> None:
        if "typevar" in node:
            key = catalog.new_key(node["typevar"])
        else:
            names = node.get("domainname") or node.get("typeName") or []
            key = catalog.qualify(strings(names))
        catalog.types[key] = TypeInfo(key, kind)

    return handler


_APPLY = {
    "CreateStmt": Catalog.create_table,
    "CreateForeignTableStmt": lambda c, n: c.create_table(n.get("base", {})),
    "AlterTableStmt": Catalog.alter_table,
    "DropStmt": Catalog.drop,
    "RenameStmt": Catalog.rename,
    "IndexStmt": Catalog.create_index,
    "ViewStmt": Catalog.create_view,
    "CreateTableAsStmt": Catalog.create_table_as,
    "CreateSeqStmt": Catalog.create_sequence,
    "CreateEnumStmt": Catalog.create_enum,
    "AlterEnumStmt": Catalog.alter_enum,
    "CompositeTypeStmt": _type_handler("composite"),
    "CreateDomainStmt": _type_handler("domain"),
    "CreateRangeStmt": _type_handler("range"),
    "CreateFunctionStmt": Catalog.create_function,
    "CreateTrigStmt": Catalog.create_trigger,
    "CreateExtensionStmt": Catalog.create_extension,
    "CreateSchemaStmt": Catalog.create_schema,
    "AlterObjectSchemaStmt": Catalog.move_schema,
    "VariableSetStmt": Catalog.set_variable,
    "SelectStmt": Catalog.select,
}
