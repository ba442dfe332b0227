"""The PostgreSQL rules over parse nodes: what one file does to the catalog the earlier files built.

Every statement is judged against the catalog as it stands when the statement runs, and
against the catalog before the file: objects the file created are new (changing them is
fine), objects that existed before are not. Multi-step changes are judged by their net
effect at the end of the file (a column added nullable, backfilled and set NOT NULL is a NOT
NULL column without a default all the same).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any, NamedTuple

from ratchet import pgscan
from ratchet.lazyre import LazyPattern
from ratchet.linter.postgres import parse as pg_parse
from ratchet.linter.postgres.body import (
    NO_ATOMIC_END,
    BodyStatement,
    atomic_body,
    body_statements,
    dollar_quoted,
)
from ratchet.linter.postgres.catalog import (
    Catalog,
    Relation,
    Routine,
    RoutineNames,
    display,
    is_null_constant,
    not_null_check,
    object_name,
)
from ratchet.linter.postgres.header import routine_header
from ratchet.linter.postgres.parse import Node, Offsets, Parsed, SyntaxProblem, first_text, parse, strings, walk
from ratchet.linter.postgres.typechange import TypeChanges
from ratchet.linter.postgres.types import (
    ColumnType,
    answers_calls,
    argument_type,
    call_fit,
    column_type,
    dropped_signature,
    judge_change,
    signature,
)
from ratchet.pgparser import parser as pg_parser
from ratchet.pgscan import Tokens
from ratchet.statement import Statement

INFO = "info"
_NEWLINE = re.compile("\n")
_WORD = LazyPattern(r"\w+")

#: Built-in functions whose value changes per row: as a column default they force a table rewrite.
VOLATILE_FUNCTIONS = frozenset(
    {"random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7"}
    | {"clock_timestamp", "timeofday", "nextval", "txid_current", "gen_random_bytes", "random_normal"}
)
#: Statements that change nothing the lint guards: grants, comments, statistics, options, ...
BENIGN = frozenset(
    {"CommentStmt", "GrantStmt", "GrantRoleStmt", "AlterDefaultPrivilegesStmt", "CreateRoleStmt", "AlterRoleStmt"}
    | {"AlterRoleSetStmt", "AlterDatabaseSetStmt", "AlterOwnerStmt", "SecLabelStmt", "CreatePolicyStmt"}
    | {"AlterPolicyStmt", "RuleStmt", "CreateStatsStmt", "AlterStatsStmt", "CreateCastStmt", "CreateOpClassStmt"}
    | {"CreateOpFamilyStmt", "AlterOpFamilyStmt", "CreateConversionStmt", "CreateTransformStmt", "CreatePLangStmt"}
    | {"CreateAmStmt", "CreateFdwStmt", "AlterFdwStmt", "CreateForeignServerStmt", "AlterForeignServerStmt"}
    | {"CreateUserMappingStmt", "AlterUserMappingStmt", "ImportForeignSchemaStmt", "CreatePublicationStmt"}
    | {"AlterPublicationStmt", "AlterCollationStmt", "AlterOperatorStmt", "AlterTSConfigurationStmt"}
    | {"AlterTSDictionaryStmt", "VariableSetStmt", "VariableShowStmt", "DiscardStmt", "NotifyStmt", "ListenStmt"}
    | {"UnlistenStmt", "LockStmt", "CheckPointStmt", "DeallocateStmt", "RefreshMatViewStmt", "ConstraintsSetStmt"}
    | {"CreateFunctionStmt", "AlterFunctionStmt", "CreateTrigStmt", "CreateEventTrigStmt", "AlterEventTrigStmt"}
    | {"CreateExtensionStmt", "AlterExtensionStmt", "AlterExtensionContentsStmt", "CreateSeqStmt", "DefineStmt"}
    | {"CreateEnumStmt", "CompositeTypeStmt", "CreateDomainStmt", "CreateRangeStmt", "AlterTypeStmt", "ViewStmt"}
    | {"CreateTableAsStmt", "CreateForeignTableStmt", "MergeStmt", "AlterObjectDependsStmt", "ReassignOwnedStmt"}
    | {"CreateStmt", "CreateSchemaStmt", "DropRoleStmt", "DropUserMappingStmt"}
)
_OPAQUE = {
    "ExecuteStmt": "EXECUTE runs a prepared statement the lint cannot see",
    "PrepareStmt": "PREPARE stores SQL that a later EXECUTE runs where the lint cannot see it",
    "CallStmt": "CALL runs a procedure whose statements the lint cannot see",
    "LoadStmt": "LOAD loads a shared library into the server",
}
_NO_TRANSACTION = {
    "CreatedbStmt": "CREATE DATABASE",
    "AlterSystemStmt": "ALTER SYSTEM",
    "CreateTableSpaceStmt": "CREATE TABLESPACE",
    "DropTableSpaceStmt": "DROP TABLESPACE",
}
_DROP_RULES = {
    "OBJECT_TABLE": ("drop-table", "table"),
    "OBJECT_FOREIGN_TABLE": ("drop-table", "table"),
    "OBJECT_VIEW": ("drop-view", "view"),
    "OBJECT_MATVIEW": ("drop-view", "view"),
    "OBJECT_INDEX": ("drop-index", "index"),
    "OBJECT_TRIGGER": ("drop-trigger", "trigger"),
    "OBJECT_RULE": ("drop-trigger", "rule"),
    "OBJECT_FUNCTION": ("drop-routine", "function"),
    "OBJECT_PROCEDURE": ("drop-routine", "procedure"),
    "OBJECT_ROUTINE": ("drop-routine", "routine"),
    "OBJECT_AGGREGATE": ("drop-routine", "aggregate"),
    "OBJECT_TYPE": ("drop-type", "type"),
    "OBJECT_DOMAIN": ("drop-type", "domain"),
    "OBJECT_SEQUENCE": ("drop-sequence", "sequence"),
    "OBJECT_SCHEMA": ("drop-schema", "schema"),
    "OBJECT_EXTENSION": ("drop-extension", "extension"),
    "OBJECT_OPERATOR": ("drop-routine", "operator"),
    "OBJECT_CAST": ("drop-routine", "cast"),
    "OBJECT_COLLATION": ("drop-type", "collation"),
    "OBJECT_TSCONFIGURATION": ("drop-type", "text search configuration"),
    "OBJECT_TSDICTIONARY": ("drop-type", "text search dictionary"),
    "OBJECT_EVENT_TRIGGER": ("drop-trigger", "event trigger"),
}
#: The catalog's name (in ``Catalog.gone``) for each kind of dropped object it records.
_DROP_GROUPS = {
    "table": "relation",
    "view": "relation",
    "index": "index",
    "sequence": "sequence",
    "type": "type",
    "domain": "type",
    "function": "routine",
    "procedure": "routine",
    "routine": "routine",
    "aggregate": "routine",
}
#: Drops of objects that hold no data and that no running code calls by name.
_BENIGN_DROPS = frozenset({"OBJECT_POLICY", "OBJECT_STATISTIC_EXT", "OBJECT_PUBLICATION"})
#: Drops that a later CREATE of the same object in the file turns into a replacement (info).
_REPLACEABLE = frozenset(
    {"view", "trigger", "rule", "function", "procedure", "routine", "aggregate", "index", "type", "domain"}
)
#: ALTER TABLE actions that change nothing the lint guards.
_BENIGN_ACTIONS = frozenset(
    {"AT_SetStatistics", "AT_SetOptions", "AT_ResetOptions", "AT_SetStorage", "AT_SetCompression", "AT_ClusterOn"}
    | {"AT_DropCluster", "AT_SetRelOptions", "AT_ResetRelOptions", "AT_ReplaceRelOptions", "AT_ChangeOwner"}
    | {"AT_ReplicaIdentity", "AT_EnableRowSecurity", "AT_DisableRowSecurity", "AT_ForceRowSecurity"}
    | {"AT_NoForceRowSecurity", "AT_EnableRule", "AT_EnableAlwaysRule", "AT_EnableReplicaRule", "AT_DisableRule"}
    | {"AT_AlterConstraint", "AT_ValidateConstraint", "AT_AttachPartition", "AT_AddIdentity"}
    | {
        "AT_DropExpression",
        "AT_AddInherit",
        "AT_GenericOptions",
        "AT_AlterColumnGenericOptions",
        "AT_CookedColumnDefault",
        "AT_DropOids",  # SET WITHOUT OIDS: a no-op since PostgreSQL 12, kept in old histories
    }
)
_RENAMED_KINDS = {
    "OBJECT_INDEX": "index",
    "OBJECT_SEQUENCE": "sequence",
    "OBJECT_TYPE": "type",
    "OBJECT_DOMAIN": "domain",
    "OBJECT_ATTRIBUTE": "type",
    "OBJECT_DOMCONSTRAINT": "domain",
    "OBJECT_FUNCTION": "function",
    "OBJECT_PROCEDURE": "procedure",
    "OBJECT_ROUTINE": "routine",
    "OBJECT_AGGREGATE": "aggregate",
    "OBJECT_VIEW": "view",
    "OBJECT_MATVIEW": "view",
    "OBJECT_TRIGGER": "trigger",
    "OBJECT_RULE": "rule",
    "OBJECT_SCHEMA": "schema",
    "OBJECT_PUBLICATION": "publication",
    "OBJECT_ROLE": "role",
}
_DISABLE = {"AT_DisableTrig": None, "AT_DisableTrigAll": "ALL", "AT_DisableTrigUser": "USER"}
_ENABLE = {
    "AT_EnableTrig": None,
    "AT_EnableAlwaysTrig": None,
    "AT_EnableReplicaTrig": None,
    "AT_EnableTrigAll": "ALL",
    "AT_EnableTrigUser": "USER",
}


def _string_arg(node: Node | None) -> str:
    """The lower-cased value of an option's argument (``ANALYZE false``), ``""`` without one."""
    if not node:
        return ""
    value = node.get("String", {}).get("sval") or node.get("Boolean", {}).get("boolval")
    if "Integer" in node:
        value = node["Integer"].get("ival", 0)
    return str(value).lower() if value is not None else ""


def _cast_name(item: Node) -> str:
    """``(source AS target)`` of a ``DROP CAST`` object."""
    names = [
        ".".join(n for n in strings(t.get("TypeName", {}).get("names")) if n != "pg_catalog")
        for t in item.get("List", {}).get("items") or ()
    ]
    return f"({' AS '.join(names)})"


class PgFinding(NamedTuple):
    """A finding of the PostgreSQL rules: its statement, 1-based position, rule and message."""

    statement: Statement
    line: int
    column: int
    rule: str
    message: str
    object: str | None = None
    severity: str | None = None


class _Piece(NamedTuple):
    """A parsed statement with the means to place its node locations in the file."""

    kind: str
    node: Node
    statement: Statement
    base: int  # character offset in the file of the parsed text
    offsets: Offsets
    text: str
    span: tuple[int, int] | None = None  # where in ``text`` the statement stands, when ``text`` holds more

    def at(self, byte_location: int | None) -> int:
        """The file character offset of a node location (bytes into the parsed text)."""
        if byte_location is None or byte_location < 0:
            return self.base + first_text(self.text)
        return self.base + self.offsets.char(byte_location)


class _Pending(NamedTuple):
    """A drop that a later re-creation in the file may turn into nothing or a replacement."""

    finding: PgFinding
    kind: str
    key: str
    existed: bool
    requires: tuple[tuple[str, str], ...] = ()  # what CASCADE took with it: back too, or no replacement
    arguments: tuple[ColumnType, ...] | None = None  # a dropped routine's argument types, when the DROP names them


class FileChecker(TypeChanges):
    """Lint one file's statements against the catalog of the files before it (``before``, left as
    it was); ``parsed`` is the parse of ``text``, when the caller made it."""

    def __init__(
        self,
        text: str,
        statements: list[Statement],
        before: Catalog,
        transactional: bool = True,
        version: int = 13,
        parsed: tuple[list[Parsed], Offsets] | None = None,
    ) -> None:
        self.text = text
        self.statements = statements
        self.before = before
        self.transactional = transactional
        self.in_block = False  # inside a BEGIN ... COMMIT that a no-transaction file opened itself
        self.version = version
        self.parsed = parsed
        self.findings: list[PgFinding] = []
        self.catalog = before.copy()
        self.lazy = not self.statements  # a replay: split only if the whole text does not parse
        if self.lazy:
            self.statements = [Statement(1, 1, 1, self.text, ())]
        self.statement_starts = [s.offset for s in self.statements]
        #: (kind, key) created by this file
        self.new: set[tuple[str, str]] = set()
        self.assumed: set[str] = set()  # CREATE TABLE IF NOT EXISTS of a table the catalog cannot know
        self.new_columns: set[tuple[str, str]] = set()
        self.added_at: dict[tuple[str, str], tuple[_Piece, int, bool]] = {}  # column -> (piece, offset, flagged)
        self.last_step: dict[tuple[str, str], tuple[_Piece, int]] = {}
        self.created_constraints: set[tuple[str, str]] = set()
        self.pending: list[_Pending] = []
        #: ``(routine, argument types)`` of each routine the file creates (or replaces).
        self.made_overloads: set[tuple[str, tuple[ColumnType, ...] | None]] = set()
        self.disabled: dict[tuple[str, str], tuple[_Piece, int]] = {}
        self.scanned: dict[int, Tokens] = {}
        self.renamed_new: dict[str, str] = {}  # a table's name -> the new table renamed to it
        self.renamed_types: dict[str, str] = {}  # an existing type's name in this file -> its name before
        self.type_name_freed: list[tuple[PgFinding, str]] = []  # rename-other of a type, its old name
        self.type_replaced: list[tuple[PgFinding, str, str]] = []  # drop of a renamed type: (finding, old, now)
        self.dropped_defaults: dict[tuple[str, str], PgFinding] = {}
        self.dropped_not_nulls: dict[tuple[str, str], PgFinding] = {}
        self.label_losses: list[tuple[PgFinding, str, str]] = []  # a type change losing enum labels: its column
        #: each type change of an existing column: where it is and the findings it made
        self.type_steps: dict[tuple[str, str], list[tuple[_Piece, int, list[PgFinding]]]] = {}
        self.copies: list[tuple[_Piece, str, Node]] = []  # INSERT INTO target SELECT ... FROM a table
        self.new_labels: dict[str, tuple[str, int]] = {}  # enum value added by the file -> (type, line)
        #: the routines whose bodies are being linted where a statement calls them (none runs inside itself)
        self.running: set[str] = set()
        #: where a routine made by an earlier file is called, while its body is linted: line, column, message prefix
        self.called_at: list[tuple[int, int, str]] = []
        #: the text of the pieces in lower case
        self.lowered: tuple[str, str] = ("", "")

    # -- driving --------------------------------------------------------------------------

    def run(self) -> Catalog:
        """Check every statement; return the catalog after the file."""
        for piece in self.pieces():
            self._check(piece)
            if self._copy_from_stdin(piece):
                break
        self.finish()
        return self.catalog

    @staticmethod
    def _copy_from_stdin(piece: _Piece) -> bool:
        return piece.kind == "CopyStmt" and bool(piece.node.get("is_from")) and not piece.node.get("filename")

    def _data_after_copy(self, statement: Statement) -> None:
        """COPY ... FROM stdin: the lines after it are data, which no splitter can read as SQL."""
        if statement.number < len(self.statements) and not self.lazy:
            following = self.statements[statement.number]
            self._emit_at(
                following,
                self.statement_starts[following.number - 1],
                "split-ambiguity",
                f"the data of COPY ... FROM stdin (line {statement.line}) is not SQL; ratchet cannot split the rest "
                "of this file",
            )

    def pieces(self) -> list[_Piece] | Iterator[_Piece]:
        """The file's statements parsed: one parse of the whole file, or one per statement when the
        file has a syntax error (each rejected statement is a ``syntax-error``). A file too large to
        hold every statement's tree at once is parsed a statement at a time as they are checked
        (each tree freed after its check), with the same nodes and places as the whole parse."""
        if self.parsed is not None:
            parsed, offsets = self.parsed
        elif len(self.text) > pg_parse.WHOLE_PARSE_MAX_CHARS:
            try:
                extents = pg_parse.statement_extents(self.text)
            except SyntaxProblem:
                return self._pieces_one_by_one()
            return self._placed(pg_parse.parse_each(self.text, extents))
        else:
            try:
                parsed, offsets = parse(self.text)
            except SyntaxProblem:
                return self._pieces_one_by_one()
        return list(self._placed(self._spans(parsed, offsets)))

    def _spans(self, parsed: list[Parsed], offsets: Offsets) -> Iterator[tuple[Parsed, int, Offsets]]:
        """The statements of the whole file's parse, each with where it ends."""
        for item in parsed:
            end = len(self.text) if item.length is None else offsets.char(offsets.byte(item.offset) + item.length)
            yield item, end, offsets

    def _placed(self, items: Iterator[tuple[Parsed, int, Offsets]]) -> Iterator[_Piece]:
        """Pieces of the statements PostgreSQL parsed in the file, each on sqlparse's statement it
        starts in (a second one there: sqlparse swallowed it)."""
        previous: Statement | None = None
        for item, end, offsets in items:
            statement = self._statement_at(first_text(self.text, item.offset))
            if previous is statement and not self.lazy:
                self._swallowed(statement, item.offset)
            previous = statement
            piece = _Piece(item.kind, item.node, statement, 0, offsets, self.text, (item.offset, end))
            if self._copy_from_stdin(piece):
                self._data_after_copy(statement)
            yield piece

    def _swallowed(self, statement: Statement, second: int) -> None:
        """sqlparse kept two statements that PostgreSQL's parser separates as one (``BEGIN ...;``)."""
        semicolon = self.text.rfind(";", 0, second)
        self._emit_at(
            statement,
            semicolon,
            "split-ambiguity",
            f"the statement at line {statement.line} swallows the ';' at line {self._position(semicolon)[0]}: "
            "sqlparse cannot split it as PostgreSQL does; write it differently (for BEGIN ... use SET TRANSACTION)",
        )

    def _pieces_one_by_one(self) -> Iterator[_Piece]:
        """Each statement parsed alone, as the caller takes it (only one statement's tree is alive)."""
        if self.lazy:
            from ratchet.split import split_statements  # sqlparse, only for a file pglast rejects or a large one

            self.statements = split_statements(self.text)
            self.statement_starts = [s.offset for s in self.statements]
        for statement, start in zip(self.statements, self.statement_starts, strict=True):
            try:
                parsed, offsets = parse(statement.sql)
            except SyntaxProblem as problem:
                self._emit_at(
                    statement,
                    start + max(problem.offset, 0),
                    "syntax-error",
                    f"PostgreSQL's parser rejects this statement: {problem.message}; fix it (a missing ';' between "
                    "two statements is the usual cause)",
                )
                continue
            for number, one in enumerate(parsed):
                if number == 1:
                    self._swallowed(statement, start + one.offset)
                piece = _Piece(one.kind, one.node, statement, start, offsets, statement.sql)
                if number == len(parsed) - 1 and self._copy_from_stdin(piece):
                    self._data_after_copy(statement)
                yield piece

    def _statement_at(self, offset: int) -> Statement:
        index = max(bisect_right(self.statement_starts, offset) - 1, 0)
        return self.statements[index]

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """The offset of each line's first character (made when a position is first asked: most
        files have no finding)."""
        return [0, *(match.end() for match in _NEWLINE.finditer(self.text))]

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _emit_at(
        self, statement: Statement, offset: int, rule: str, message: str, obj: str | None = None, **extra: Any
    ) -> PgFinding:
        if self.called_at:
            line, column, prefix = self.called_at[-1]
            finding = PgFinding(statement, line, column, rule, prefix + message, obj, extra.get("severity"))
            if rule not in ("opaque-sql", "unrecognized-statement"):
                self.findings.append(finding)
            return finding
        line, column = self._position(offset)
        finding = PgFinding(statement, line, column, rule, message, obj, extra.get("severity"))
        self.findings.append(finding)
        return finding

    def _emit(
        self, piece: _Piece, offset: int, rule: str, message: str, obj: str | None = None, **extra: Any
    ) -> PgFinding:
        return self._emit_at(piece.statement, offset, rule, message, obj, **extra)

    def _start(self, piece: _Piece) -> int:
        """Where the statement's own text starts (its first word)."""
        if piece.text is self.text:
            return self.statement_starts[piece.statement.number - 1]
        return piece.base + first_text(piece.text)

    # -- tokens ---------------------------------------------------------------------------

    def _tokens(self, piece: _Piece) -> tuple[int, Tokens]:
        """The scanner's tokens of the piece's own text, with the file offset they count from."""
        if piece.text is self.text:
            base, text = self.statement_starts[piece.statement.number - 1], piece.statement.sql
        else:
            base, text = piece.base, piece.text
        if base not in self.scanned:
            try:
                self.scanned[base] = pgscan.scan(text)
            except pg_parser.ParseError:
                self.scanned[base] = Tokens([], [], [])
        return base, self.scanned[base]

    def _token_offset(self, piece: _Piece, name: str) -> int:
        """The file offset of the piece's first token named ``name`` (else the statement start)."""
        base, tokens = self._tokens(piece)
        if name in tokens.names:
            return base + tokens.starts[tokens.names.index(name)]
        return self._start(piece)

    def _action_offsets(self, piece: _Piece, relation_location: int | None) -> list[int]:
        """The file offsets of each action of an ALTER TABLE (they carry no location of their own)."""
        base, (starts, _, names) = self._tokens(piece)
        target = piece.at(relation_location) - base if relation_location is not None else 0
        index = bisect_left(starts, target)
        while index + 2 < len(names) and names[index + 1] == "ASCII_46":
            index += 2
        index += 1
        actions = [index]
        depth = 0
        for position in range(index, len(names)):
            name = names[position]
            if name == "ASCII_40":
                depth += 1
            elif name == "ASCII_41":
                depth -= 1
            elif name == "ASCII_44" and depth == 0:
                actions.append(position + 1)
        return [base + starts[i] if i < len(starts) else base for i in actions]

    def _word_after(self, piece: _Piece, offset: int, name: str) -> int:
        """The offset of the first token after ``offset`` that follows a token named ``name``."""
        base, (starts, _, names) = self._tokens(piece)
        relative = offset - base
        for position in range(len(names) - 1):
            if starts[position] >= relative and names[position] == name:
                return base + starts[position + 1]
        return offset

    # -- objects --------------------------------------------------------------------------

    def _existed(self, kind: str, key: str) -> bool:
        """Whether the object existed before the file, as far as the lint can tell: known to the
        catalog before the file, or not created by the file (so it may come from outside it)."""
        return (kind, key) not in self.new

    def _column_is_new(self, table: str, column: str) -> bool:
        return (table, column) in self.new_columns or not self._existed("table", table)

    def _relation_for(self, range_var: Node) -> tuple[str, Relation | None]:
        key = self.catalog.relation_key(range_var)
        return key, self.catalog.relations.get(key)

    # -- statements -----------------------------------------------------------------------

    def _check(self, piece: _Piece) -> None:
        kind = piece.kind
        if self.new_labels:
            self._new_label_use(piece)
        handler = getattr(self, f"_check_{kind}", None)
        if handler is not None:
            handler(piece)
        elif kind == "TransactionStmt":
            self._transaction_block(piece.node)  # reported by split.statement_problems in a transactional file
        elif kind in _OPAQUE:
            self._opaque(piece, self._start(piece), f"{_OPAQUE[kind]}; write the statements out, or waive")
        elif kind in _NO_TRANSACTION:
            self._no_transaction(piece, self._start(piece), _NO_TRANSACTION[kind])
        elif kind not in BENIGN:
            self._unrecognized(piece)
        self._track_creates(piece)
        if kind != "AlterTableStmt":  # its actions are applied one by one as they are checked
            self.catalog.apply(kind, piece.node)
        if kind == "CreateFunctionStmt" and "sql_body" in piece.node:
            self._keep_atomic_body(piece)

    def _keep_atomic_body(self, piece: _Piece) -> None:
        """A ``BEGIN ATOMIC`` routine's statements, kept in the catalog as its body for later calls."""
        found = atomic_body(self._alone(piece)[0] if piece.text is self.text else piece.text)
        if found is not None:
            self.catalog.keep_atomic_body(piece.node, found[1])

    def _opaque(self, piece: _Piece, offset: int, message: str) -> None:
        """``opaque-sql``: SQL the lint cannot see, which may create objects the catalog then lacks."""
        self.catalog.partial = True
        self.catalog.gone = frozenset()  # it may have made any dropped object again
        self._emit(piece, offset, "opaque-sql", message)

    def _unrecognized(self, piece: _Piece, what: str | None = None, offset: int | None = None) -> None:
        start = self._start(piece) if offset is None else offset
        shown = what or " ".join(self.text[start : start + 60].split()[:3])
        self._emit(
            piece,
            start,
            "unrecognized-statement",
            f"unrecognised statement '{shown}': the lint cannot prove it additive; rewrite it, or waive with a reason",
        )

    def _no_transaction(self, piece: _Piece, offset: int, what: str) -> None:
        if self.transactional:
            self._emit(
                piece,
                offset,
                "needs-no-transaction",
                f"{what} cannot run inside a transaction; put it in its own file with -- guard: no-transaction",
            )
        elif self.in_block:
            self._emit(
                piece,
                offset,
                "needs-no-transaction",
                f"{what} cannot run inside a transaction block; move it out of this file's BEGIN ... COMMIT",
            )

    def _transaction_block(self, node: Node) -> None:
        """A no-transaction file's own ``BEGIN`` opens a transaction block and its ``COMMIT`` or
        ``ROLLBACK`` (without ``AND CHAIN``) ends it, and with it the enum values added inside it."""
        if self.transactional:
            return
        kind = node.get("kind", "")
        if kind in ("TRANS_STMT_BEGIN", "TRANS_STMT_START"):
            self.in_block = True
        elif kind in ("TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK", "TRANS_STMT_PREPARE") and not node.get("chain"):
            self.in_block = False
            self.new_labels = {}

    def _track_creates(self, piece: _Piece) -> None:
        """Remember what the statement creates, so later statements of the file treat it as new."""
        node, kind = piece.node, piece.kind
        created: tuple[str, str] | None = None
        if kind == "RenameStmt":
            self._track_rename(node)
            return
        if kind in ("CreateStmt", "CreateForeignTableStmt"):
            relation = (node.get("base") or node)["relation"]
            key = self.catalog.new_key(relation)
            if (node.get("base") or node).get("if_not_exists"):
                if key not in self.catalog.relations:
                    self.assumed.add(key)  # the file expects that it may exist: treated as existing
                return
            created = ("table", key)
        elif kind == "ViewStmt":
            key = self.catalog.new_key(node["view"])
            if key not in self.catalog.relations:
                created = ("view", key)
        elif kind == "CreateTableAsStmt":
            key = self.catalog.new_key(node.get("into", {}).get("rel", {}))
            if not node.get("if_not_exists"):
                created = ("view" if node.get("objtype") == "OBJECT_MATVIEW" else "table", key)
        elif kind == "SelectStmt" and node.get("intoClause"):
            created = ("table", self.catalog.new_key(node["intoClause"].get("rel", {})))
        elif kind == "IndexStmt":
            table = self.catalog.relation_key(node["relation"])
            created = ("index", f"{table.rsplit('.', 1)[0]}.{node.get('idxname', '')}")
        elif kind == "CreateSeqStmt" and not node.get("if_not_exists"):
            created = ("sequence", self.catalog.new_key(node["sequence"]))
        elif kind in ("CreateEnumStmt", "CreateRangeStmt"):
            created = ("type", self.catalog.qualify(strings(node.get("typeName"))))
        elif kind == "CompositeTypeStmt":
            created = ("type", self.catalog.new_key(node["typevar"]))
        elif kind == "CreateDomainStmt":
            created = ("domain", self.catalog.qualify(strings(node.get("domainname"))))
        elif kind == "CreateFunctionStmt":
            routine = "procedure" if node.get("is_procedure") else "function"
            created = (routine, self.catalog.qualify(strings(node.get("funcname"))))
            self.made_overloads.add((created[1], signature(node.get("parameters") or [])))
        elif kind == "CreateTrigStmt":
            table = self.catalog.relation_key(node["relation"])
            created = ("trigger", f"{table}.{node.get('trigname', '')}")
        elif kind == "RuleStmt":
            table = self.catalog.relation_key(node["relation"])
            created = ("rule", f"{table}.{node.get('rulename', '')}")
        elif kind == "CreateExtensionStmt" and node.get("extname") not in self.catalog.extensions:
            created = ("extension", node.get("extname", ""))
        elif kind == "CreateSchemaStmt" and not node.get("if_not_exists"):
            created = ("schema", node.get("schemaname", ""))
        if created is None:
            return
        if created[0] == "table" and created[1] in self.catalog.relations and created[1] not in self._dropped_tables():
            return
        self.new.add(created)
        if created[0] in ("function", "procedure"):
            self.new.add(("routine", created[1]))
            self.new.add(("aggregate", created[1]))
        if created[0] == "type":
            self.new.add(("domain", created[1]))
        if created[0] == "domain":
            self.new.add(("type", created[1]))
        if created[0] == "view":
            self.new.add(("table", created[1]))
        if created[0] == "table":
            self.new.add(("view", created[1]))

    def _track_rename(self, node: Node) -> None:
        """A renamed new table stays new; a renamed new column stays new; a renamed new type stays new."""
        relation = node.get("relation")
        if node.get("renameType") in ("OBJECT_TYPE", "OBJECT_DOMAIN"):
            self._track_type_rename(node)
            return
        if not relation:
            return
        key = self.catalog.relation_key(relation)
        kind = node.get("renameType")
        if kind == "OBJECT_COLUMN" and (key, node.get("subname", "")) in self.new_columns:
            self.new_columns.add((key, node.get("newname", "")))
        elif kind in ("OBJECT_TABLE", "OBJECT_VIEW", "OBJECT_MATVIEW") and ("table", key) in self.new:
            renamed = f"{key.rsplit('.', 1)[0]}.{node.get('newname', '')}"
            self.new.update({("table", renamed), ("view", renamed)})
            self.renamed_new[renamed] = key
        elif kind in ("OBJECT_TABLE", "OBJECT_VIEW") and key in self.assumed:
            self.assumed.add(f"{key.rsplit('.', 1)[0]}.{node.get('newname', '')}")

    def _track_type_rename(self, node: Node) -> None:
        """``ALTER TYPE t RENAME TO t_old``: the renamed type keeps being new (or existing) under its
        new name, and an existing one remembers the name it had (tools recreate enums so)."""
        old = self.catalog.resolve(object_name(node.get("object")), self.catalog.types)
        new = f"{old.rsplit('.', 1)[0]}.{node.get('newname', '')}"
        if ("type", old) in self.new:
            self.new.update({("type", new), ("domain", new)})
        else:
            self.renamed_types[new] = self.renamed_types.pop(old, old)

    def _dropped_tables(self) -> set[str]:
        return {p.key for p in self.pending if p.kind == "table"}

    def _check_ViewStmt(self, piece: _Piece) -> None:
        """A view that takes the name of a table the file renamed (or moved) and shows every column
        it had keeps the old name working for readers and (a simple view is updatable) writers: the
        rename is info."""
        key = self.catalog.new_key(piece.node["view"])
        old = self.before.relations.get(key)
        if old is None or old.kind != "table" or not old.complete:
            return
        name = display(key)
        finding = next((f for f in self.findings if f.rule == "rename-table" and f.object == name), None)
        if finding is None or not self._shows_all_of(piece.node.get("query", {}).get("SelectStmt", {}), old):
            return
        self.findings[self.findings.index(finding)] = finding._replace(
            message=f"{finding.message.split(' breaks ')[0]}: the view {name} created later in this file keeps the "
            "old name working",
            severity=INFO,
        )

    def _shows_all_of(self, select: Node, old: Relation) -> bool:
        """Whether ``select`` reads one relation, unfiltered, and shows every column of ``old``
        under its name (``SELECT *`` of a relation that has them all, or each by name)."""
        sources = select.get("fromClause") or []
        if len(sources) != 1 or "RangeVar" not in sources[0]:
            return False
        if any(
            select.get(part) for part in ("whereClause", "groupClause", "havingClause", "distinctClause", "limitCount")
        ):
            return False
        source = self.catalog.relation(sources[0]["RangeVar"])
        names: set[str] = set()
        for target in select.get("targetList") or []:
            result = target.get("ResTarget", {})
            fields = result.get("val", {}).get("ColumnRef", {}).get("fields") or []
            if fields and "A_Star" in fields[-1]:
                names |= set(source.columns) if source is not None and source.complete else set()
                continue
            column = strings(fields)[-1:] if len(strings(fields)) == len(fields) else []
            if column and result.get("name", column[0]) == column[0]:
                names.add(column[0])
        return names >= set(old.columns)

    def _check_IndexStmt(self, piece: _Piece) -> None:
        node = piece.node
        key, _ = self._relation_for(node["relation"])
        start = self._start(piece)
        if node.get("concurrent"):
            self._no_transaction(piece, start, "CREATE INDEX CONCURRENTLY")
        if not self._existed("table", key):
            return
        columns = [e.get("IndexElem", {}).get("name") for e in node.get("indexParams") or ()]
        all_new = bool(columns) and all(c and (key, c) in self.new_columns for c in columns)
        name = display(key)
        if node.get("unique") and not all_new:
            self._emit(
                piece,
                start,
                "add-unique-to-existing",
                f"a unique index on existing table {name} fails if it holds duplicates and breaks writers that "
                "insert them; check for duplicates first, or waive with a reason",
                name,
            )
        if node.get("concurrent"):
            return
        relation = self.catalog.relations.get(key)
        if relation is not None and relation.partitioned:
            if not node["relation"].get("inh", False):
                return  # ON ONLY: an invalid index on the parent alone, nothing is built
            self._emit(
                piece,
                start,
                "index-not-concurrent",
                f"CREATE INDEX on partitioned table {name} builds it on every partition while blocking their "
                f"writes, and PostgreSQL cannot build it CONCURRENTLY; create it ON ONLY {name}, build one "
                "CONCURRENTLY on each partition (-- guard: no-transaction), then ALTER INDEX ... ATTACH PARTITION "
                "each",
                name,
            )
            return
        self._emit(
            piece,
            start,
            "index-not-concurrent",
            f"CREATE INDEX on existing table {name} blocks its writes while the index builds; use CREATE INDEX "
            "CONCURRENTLY in a file with -- guard: no-transaction",
            name,
        )

    def _check_DropStmt(self, piece: _Piece) -> None:
        node = piece.node
        remove = node.get("removeType", "")
        start = self._start(piece)
        if remove == "OBJECT_INDEX" and node.get("concurrent"):
            self._no_transaction(piece, start, "DROP INDEX CONCURRENTLY")
        if remove in _BENIGN_DROPS:
            return  # access rules, statistics and publications, like grants
        if remove not in _DROP_RULES:
            self._unrecognized(piece)
            return
        rule = _DROP_RULES[remove][0]
        for item in node.get("objects") or ():
            parts = object_name(item) if remove != "OBJECT_CAST" else [_cast_name(item)]
            if not parts:
                continue
            kind, key = self._drop_key(remove, parts)
            arguments = dropped_signature(item) if rule == "drop-routine" else None
            if (kind, key) in self.new and not self._older_overload(key, arguments):
                self.new.discard((kind, key))
                continue
            if node.get("missing_ok") and self._gone(kind, key):
                continue  # IF EXISTS of what an earlier statement dropped already: nothing is dropped
            # without IF EXISTS the file says the object is there (a catalog seeded from nothing may not know it)
            existed = self._drop_existed(kind, key) or not node.get("missing_ok")
            cascade = node.get("behavior") == "DROP_CASCADE"
            dropped = _DROP_RULES[remove]
            routine = self.catalog.routines.get(key) if rule == "drop-routine" else None
            if node.get("missing_ok") and self._no_such_overload(routine, arguments):
                continue  # IF EXISTS of argument types no routine of the name takes: nothing is dropped
            unseen = False
            if routine is not None and routine.trigger:
                # no code calls a trigger function: what is lost is the triggers that call it
                if not self.catalog.triggers_calling(key):
                    if not self.catalog.partial:
                        continue
                    unseen = True  # dynamic or opaque SQL may have made triggers the catalog lacks
                dropped = ("drop-trigger", "trigger function")
            message = self._drop_message(*dropped, key)
            if routine is not None and routine.others and arguments is not None:  # one overload of several
                shown = display(key)
                message = message.replace(f" {shown} ", f" {shown}({', '.join(map(str, arguments))}) ", 1)
            if unseen:
                message += "; the history ran SQL the lint cannot see, which may have made triggers that call it" + (
                    " (CASCADE drops them)" if cascade else ""
                )
            dependents = self.catalog.dependents(kind, key) if cascade else []
            if dependents:
                message += f"; CASCADE also drops {', '.join(dependents)}"
            finding = self._emit(piece, start, dropped[0], message, display(key))
            requires = self.catalog.recreatable_dependents(kind, key) if cascade else []
            if requires is None:
                continue  # CASCADE takes columns or constraints with it: lost even if the file creates it again
            if kind in ("type", "domain") and key in self.renamed_types:
                self.type_replaced.append((finding, self.renamed_types[key], key))
                continue
            self.pending.append(_Pending(finding, kind, key, existed, tuple(requires), arguments))

    def _no_such_overload(self, routine: Routine | None, arguments: tuple[ColumnType, ...] | None) -> bool:
        """Whether every routine of the name is known, and none takes ``arguments``."""
        if routine is None or arguments is None or self.catalog.partial:
            return False
        known = [r.arguments for r in routine.overloads]
        return None not in known and arguments not in known

    def _drop_key(self, remove: str, parts: list[str]) -> tuple[str, str]:
        catalog = self.catalog
        if remove in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"):
            return "table", catalog.resolve(parts, catalog.relations)
        if remove in ("OBJECT_VIEW", "OBJECT_MATVIEW"):
            return "view", catalog.resolve(parts, catalog.relations)
        if remove == "OBJECT_INDEX":
            return "index", catalog.resolve(parts, catalog.indexes)
        if remove == "OBJECT_SEQUENCE":
            return "sequence", catalog.resolve(parts, catalog.sequences)
        if remove in ("OBJECT_TYPE", "OBJECT_DOMAIN"):
            return ("type" if remove == "OBJECT_TYPE" else "domain"), catalog.resolve(parts, catalog.types)
        if remove in ("OBJECT_TRIGGER", "OBJECT_RULE"):
            table = catalog.resolve(parts[:-1], catalog.relations) if len(parts) > 1 else ""
            return ("trigger" if remove == "OBJECT_TRIGGER" else "rule"), f"{table}.{parts[-1]}"
        if remove in ("OBJECT_EXTENSION", "OBJECT_SCHEMA", "OBJECT_CAST"):
            return remove.removeprefix("OBJECT_").lower(), parts[-1]
        return _DROP_RULES[remove][1], catalog.resolve(parts, catalog.routines)

    def _column_never_made(self, key: str, relation: Relation | None, column: str) -> bool:
        """``DROP COLUMN IF EXISTS`` of a column that a table whose columns are all known lacks."""
        return (
            relation is not None
            and relation.complete
            and column not in relation.columns
            and key not in self.assumed
            and not self.catalog.partial
        )

    def _gone(self, kind: str, key: str) -> bool:
        """Whether an earlier statement dropped (or renamed away) the ``kind`` object ``key`` and none
        made it again. An object the history never made is not so: a database older than the history,
        or SQL the lint cannot see, may have it, and ``IF EXISTS`` says the file expects it may."""
        group = _DROP_GROUPS.get(kind)
        return group is not None and self.catalog.dropped_away(group, key)

    def _drop_existed(self, kind: str, key: str) -> bool:
        before = self.before
        if kind in ("table", "view"):
            return key in before.relations
        if kind == "index":
            return key in before.indexes
        if kind == "sequence":
            return key in before.sequences
        if kind in ("type", "domain"):
            return key in before.types
        if kind in ("function", "procedure", "routine", "aggregate"):
            return key in before.routines
        if kind == "extension":
            return key in before.extensions
        if kind == "schema":
            return key in before.schemas
        table, _, name = key.rpartition(".")
        return (table, name) in before.triggers

    @staticmethod
    def _drop_message(rule: str, what: str, key: str) -> str:
        name = display(key)
        if rule == "drop-index":
            return f"dropping index {name}: queries that use it get slow; keep it, or waive with a reason"
        if rule == "drop-trigger":
            return f"dropping {what} {name}: writes stop doing what it did; keep it, or waive with a reason"
        if rule == "drop-extension":
            return (
                f"dropping extension {name} drops the types, functions and columns that depend on it; keep it, "
                "or waive with a reason"
            )
        if rule == "drop-schema":
            return f"dropping schema {name} destroys everything in it; keep it, or waive with a reason"
        if rule == "drop-table":
            return (
                f"dropping table {name} destroys its rows and breaks running code that uses it; stop using it "
                "first and drop it in a later release, or waive with a reason"
            )
        return (
            f"dropping {what} {name} breaks running code that uses it; deprecate it and drop it in a later "
            "release, or waive with a reason"
        )

    def _check_RenameStmt(self, piece: _Piece) -> None:
        node = piece.node
        kind = node.get("renameType", "")
        new_name = node.get("newname", "")
        relation = node.get("relation")
        if relation and kind in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE", "OBJECT_COLUMN", "OBJECT_TABCONSTRAINT"):
            offset = self._action_offsets(piece, relation.get("location"))[0]
            key, known = self._relation_for(relation)
            if not self._existed("table", key):
                return
            name = display(key)
            if kind == "OBJECT_COLUMN":
                column = node.get("subname", "")
                if (key, column) in self.new_columns:
                    return
                self._emit(
                    piece,
                    offset,
                    "rename-column",
                    f"renaming column {name}.{column} to {new_name} breaks running code that uses {column}; add "
                    "the new column, write both, switch readers, then drop the old one",
                    f"{name}.{column}",
                )
            elif kind == "OBJECT_TABCONSTRAINT":
                if (key, node.get("subname", "")) not in self.created_constraints:
                    self._emit(
                        piece, offset, "rename-other", f"renaming constraint {node.get('subname')} of {name}", name
                    )
            elif known is not None and known.kind != "table":
                self._rename_view(piece, offset, name, new_name)
            else:
                self._emit(
                    piece,
                    offset,
                    "rename-table",
                    f"renaming table {name} to {new_name} breaks running code that uses {name}; create a view "
                    "with the old name, or waive with a reason",
                    name,
                )
            return
        label = kind.removeprefix("OBJECT_").lower()
        created_kind = _RENAMED_KINDS.get(kind)
        if kind == "OBJECT_POLICY":
            return
        if created_kind is None:
            self._unrecognized(piece)
            return
        parts = object_name(node.get("object"))
        if relation and not parts:
            parts = [p for p in (relation.get("schemaname"), relation.get("relname")) if p]
        key = self._rename_key(kind, parts, node)
        if (created_kind, key) in self.new:
            return
        target = display(key)
        if kind in ("OBJECT_VIEW", "OBJECT_MATVIEW"):
            self._rename_view(piece, self._token_offset(piece, "RENAME"), target, new_name)
            return
        if kind == "OBJECT_ATTRIBUTE":
            attribute = node.get("subname", "")
            self._emit(
                piece,
                self._token_offset(piece, "RENAME"),
                "rename-column",
                f"renaming attribute {target}.{attribute} to {new_name} breaks running code that reads "
                f"{attribute} of a {target} value; add the new attribute instead, or waive with a reason",
                f"{target}.{attribute}",
            )
            return
        tables = self._tables_in(key) if kind == "OBJECT_SCHEMA" else []
        if tables:
            self._emit(
                piece,
                self._token_offset(piece, "RENAME"),
                "rename-table",
                f"renaming schema {key} to {new_name} renames the tables in it ({', '.join(tables)}): running code "
                "that uses them breaks; keep the name, or waive with a reason",
                key,
            )
            return
        finding = self._emit(
            piece,
            self._token_offset(piece, "RENAME"),
            "rename-other",
            f"renaming {label} {target} to {new_name} breaks code and later migrations that use the old name; "
            "keep the name, or waive with a reason",
            target,
        )
        if created_kind in ("type", "domain"):
            self.type_name_freed.append((finding, key))

    def _rename_view(self, piece: _Piece, offset: int, name: str, new_name: str) -> None:
        """A view's readers break as a table's do when its name goes."""
        self._emit(
            piece,
            offset,
            "rename-table",
            f"renaming view {name} to {new_name} breaks running code that reads {name}; create a view with the "
            "old name, or waive with a reason",
            name,
        )

    def _tables_in(self, schema: str) -> list[str]:
        """The tables and views of ``schema`` that existed before the file (a few, for a message)."""
        found = [key for key in self.before.relations if key.startswith(f"{schema}.") and self._existed("table", key)]
        return found[:3] + ["..."] * (len(found) > 3)

    def _rename_key(self, kind: str, parts: list[str], node: Node) -> str:
        catalog = self.catalog
        if kind == "OBJECT_INDEX":
            return catalog.resolve(parts, catalog.indexes)
        if kind == "OBJECT_SEQUENCE":
            return catalog.resolve(parts, catalog.sequences)
        if kind in ("OBJECT_TYPE", "OBJECT_DOMAIN"):
            return catalog.resolve(parts, catalog.types)
        if kind in ("OBJECT_FUNCTION", "OBJECT_PROCEDURE", "OBJECT_ROUTINE", "OBJECT_AGGREGATE"):
            return catalog.resolve(parts, catalog.routines)
        if kind in ("OBJECT_VIEW", "OBJECT_MATVIEW"):
            return catalog.resolve(parts, catalog.relations)
        if kind in ("OBJECT_TRIGGER", "OBJECT_RULE", "OBJECT_POLICY"):
            table = catalog.resolve(parts, catalog.relations)
            return f"{table}.{node.get('subname', '')}"
        if kind in ("OBJECT_SCHEMA", "OBJECT_ROLE"):
            return str(node.get("subname", ""))
        if kind == "OBJECT_PUBLICATION":
            return parts[-1]  # publications belong to no schema
        return catalog.qualify(parts) if parts else ""

    def _check_AlterObjectSchemaStmt(self, piece: _Piece) -> None:
        """``ALTER ... SET SCHEMA`` moves the object: code that names it the old way breaks."""
        node = piece.node
        kind = node.get("objectType", "")
        relation = node.get("relation")
        if relation and kind in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"):
            key, _ = self._relation_for(relation)
            if self._existed("table", key):
                self._emit(
                    piece,
                    self._token_offset(piece, "SET"),
                    "rename-table",
                    f"moving table {display(key)} to schema {node.get('newschema')} breaks running code that uses "
                    "its old name; leave it where it is, or waive with a reason",
                    display(key),
                )
            return
        created_kind = _RENAMED_KINDS.get(kind)
        parts = object_name(node.get("object"))
        if relation and not parts:
            parts = [p for p in (relation.get("schemaname"), relation.get("relname")) if p]
        if created_kind is None or not parts:
            self._unrecognized(piece)
            return
        key = self._rename_key(kind, parts, node)
        if (created_kind, key) in self.new:
            return
        if kind in ("OBJECT_VIEW", "OBJECT_MATVIEW"):
            self._rename_view(
                piece, self._token_offset(piece, "SET"), display(key), f"{node.get('newschema')}.{parts[-1]}"
            )
        else:
            self._emit(
                piece,
                self._token_offset(piece, "SET"),
                "rename-other",
                f"moving {kind.removeprefix('OBJECT_').lower()} {display(key)} to schema {node.get('newschema')} "
                "breaks code and migrations that use the old name",
                display(key),
            )

    def _check_AlterEnumStmt(self, piece: _Piece) -> None:
        node = piece.node
        key = self.catalog.resolve(strings(node.get("typeName")), self.catalog.types)
        if node.get("oldVal"):
            if ("type", key) in self.new:
                return
            self._emit(
                piece,
                self._token_offset(piece, "RENAME"),
                "rename-enum-value",
                f"renaming value '{node['oldVal']}' of type {display(key)} to '{node.get('newVal')}' breaks every "
                "writer and reader of the old label; add the new value, move the rows, and stop using the old one",
                display(key),
            )
        else:
            if self.version < 12:
                self._no_transaction(
                    piece, self._token_offset(piece, "ADD_P"), "ALTER TYPE ... ADD VALUE (before PostgreSQL 12)"
                )
            if (self.transactional or self.in_block) and node.get("newVal"):
                self.new_labels.setdefault(node["newVal"], (display(key), piece.statement.line))

    def _new_label_use(self, piece: _Piece) -> None:
        """A string constant spelling an enum value that this (transactional) file added: on every
        PostgreSQL version the new value cannot be used before the transaction that added it commits."""
        for item in walk(piece.node):
            constant = item.get("A_Const")
            if not isinstance(constant, dict) or not isinstance(constant.get("sval"), dict):
                continue
            label = constant["sval"].get("sval")
            if label not in self.new_labels:
                continue
            type_name, line = self.new_labels[label]
            self._emit(
                piece,
                piece.at(constant.get("location")),
                "needs-no-transaction",
                f"value '{label}' of type {type_name} is added at line {line} of this file and used here: PostgreSQL "
                "refuses a new enum value in the transaction that added it (unsafe use of new value); use it in a "
                "later migration file, or put the ADD VALUE in its own file",
                type_name,
            )
            return

    def _check_AlterSeqStmt(self, piece: _Piece) -> None:
        node = piece.node
        key = self.catalog.relation_key(node["sequence"])
        for option in node.get("options") or ():
            element = option.get("DefElem", {})
            if element.get("defname") == "restart" and ("sequence", key) not in self.new:
                self._emit(
                    piece,
                    self._start(piece),
                    "sequence-restart",
                    f"restarting sequence {display(key)} can hand out ids that are already taken; set it past the "
                    "highest id with setval() instead",
                    display(key),
                )

    def _check_AlterDomainStmt(self, piece: _Piece) -> None:
        node = piece.node
        key = self.catalog.resolve(strings(node.get("typeName")), self.catalog.types)
        if ("domain", key) in self.new or ("type", key) in self.new:
            return
        subtype = node.get("subtype")
        start = self._start(piece)
        name = display(key)
        if subtype == "O":
            self._emit(piece, start, "set-not-null", f"SET NOT NULL on domain {name} fails on existing NULLs", name)
        elif subtype == "N":
            self._emit(piece, start, "drop-not-null", f"DROP NOT NULL on domain {name} lets NULLs reach code", name)
        elif subtype == "C" and not node.get("def", {}).get("Constraint", {}).get("skip_validation"):
            self._emit(
                piece,
                start,
                "add-constraint-to-existing",
                f"a constraint on domain {name} fails on existing values that violate it; add it NOT VALID and "
                "VALIDATE it later",
                name,
            )
        elif subtype == "X":
            self._emit(piece, start, "drop-constraint", f"dropping a constraint of domain {name}", name)

    def _check_TruncateStmt(self, piece: _Piece) -> None:
        for item in piece.node.get("relations") or ():
            key, _ = self._relation_for(item.get("RangeVar", {}))
            if self._existed("table", key):
                self._emit(
                    piece,
                    self._start(piece),
                    "truncate",
                    f"TRUNCATE deletes every row of {display(key)}; delete the rows you mean with a WHERE, or waive",
                    display(key),
                )

    def _check_DeleteStmt(self, piece: _Piece) -> None:
        node = piece.node
        self._data_modifying_cte(piece)
        self._run_called_routines(piece)
        key, _ = self._relation_for(node["relation"])
        if _every_row(node.get("whereClause")) and self._existed("table", key):
            self._emit(
                piece,
                self._dml_start(piece),
                "delete-without-where",
                f"DELETE without WHERE deletes every row of {display(key)}; add a WHERE, or waive with a reason",
                display(key),
            )

    def _check_UpdateStmt(self, piece: _Piece) -> None:
        node = piece.node
        self._data_modifying_cte(piece)
        self._run_called_routines(piece)
        key, _ = self._relation_for(node["relation"])
        if not _every_row(node.get("whereClause")) or not self._existed("table", key):
            return
        columns = [t.get("ResTarget", {}).get("name", "") for t in node.get("targetList") or ()]
        start = self._dml_start(piece)
        name = display(key)
        if columns and all((key, c) in self.new_columns for c in columns):
            self._emit(
                piece,
                start,
                "update-without-where",
                f"backfill of {', '.join(columns)} added earlier in this file",
                name,
                severity=INFO,
            )
            return
        self._emit(
            piece,
            start,
            "update-without-where",
            f"UPDATE without WHERE rewrites every row of {name}; add a WHERE, or waive with a reason",
            name,
        )

    def _dml_start(self, piece: _Piece) -> int:
        """Where UPDATE/DELETE starts (after a WITH clause)."""
        start = self._start(piece)
        if not piece.node.get("withClause"):
            return start
        base, (starts, _, names) = self._tokens(piece)
        depth = 0
        for token_start, name in zip(starts, names, strict=True):
            if name == "ASCII_40":
                depth += 1
            elif name == "ASCII_41":
                depth -= 1
            elif depth == 0 and name in ("UPDATE", "DELETE_P") and base + token_start >= start:
                return base + token_start
        return start

    def _check_InsertStmt(self, piece: _Piece) -> None:
        self._data_modifying_cte(piece)
        self._run_called_routines(piece)
        key, _ = self._relation_for(piece.node["relation"])
        select = piece.node.get("selectStmt", {}).get("SelectStmt", {})
        if any("RangeVar" in item for item in select.get("fromClause") or ()):
            # only a copy from a table can be a rebuild's; a VALUES row's tree is not kept (a data file's
            # every row would be alive at once)
            self.copies.append((piece, key, piece.node))

    def _check_SelectStmt(self, piece: _Piece) -> None:
        self._data_modifying_cte(piece)
        self._run_new_routines(piece)

    def _check_CallStmt(self, piece: _Piece) -> None:
        if not self._run_new_routines(piece):
            self._opaque(piece, self._start(piece), f"{_OPAQUE['CallStmt']}; write the statements out, or waive")

    def _run_called_routines(self, piece: _Piece, within: Node | None = None) -> None:
        """The routines that a data change or a table change calls run their bodies here, as a
        ``SELECT``'s do; a statement whose text names no known routine (most data lines) is not walked."""
        names = self.catalog.routine_names()
        if not names.called:
            return
        if piece.span is None:
            text = piece.text.lower()
        else:
            if self.lowered[0] is not piece.text:
                self.lowered = (piece.text, piece.text.lower())
            text = self.lowered[1][piece.span[0] : piece.span[1]]
        if text.isascii() and not self._may_call_a_routine(text, names):
            return
        if any(name in text for name in names.called):
            self._run_new_routines(piece, within)

    def _may_call_a_routine(self, text: str, names: RoutineNames) -> bool:
        """Whether the lower-case ASCII ``text`` may call a routine of the catalog or of this file: a
        call names it by a whole word of the text (the words around an identifier are not part of
        it), so without one the walk of ``_run_new_routines`` would find nothing to run."""
        if not names.words.isdisjoint(_WORD.findall(text)) or any(name in text for name in names.other):
            return True
        return any(key.rsplit(".", 1)[-1].lower() in text for kind, key in self.new if kind == "routine")

    def _run_new_routines(self, piece: _Piece, within: Node | None = None) -> bool:
        """The routines this file created that the statement (or its part ``within``) calls run
        their bodies here (the create, call, drop idiom of tools without ``DO``): their statements
        are linted where they stand in the ``CREATE``, as a ``DO`` block's are; those of earlier
        files where the call stands. Whether it calls any."""
        calls = [item["FuncCall"] for item in walk(piece.node if within is None else within) if "FuncCall" in item]
        if piece.kind == "CallStmt":
            calls.append(piece.node.get("funccall", {}))
        located: dict[str, list[Node]] = {}
        for call in calls:
            called = self.catalog.resolve(strings(call.get("funcname")), self.catalog.routines)
            located.setdefault(called, []).append(call)
        keys = {key for key in located if ("routine", key) in self.new and key not in self.running}
        created = [found for key in keys for found in self._creation_of(key, piece, located[key])]
        older = {key: found for key, found in located.items() if key not in keys and key not in self.running}
        before = len(self.findings)
        # a routine that calls itself (or one that calls it) runs once: marked while its body runs,
        # and only the marks made here are taken off (an outer call's stay, whatever calls follow)
        running = set(located) - self.running
        self.running.update(running)
        try:
            self._run_bodies(created)
            ran = [
                self._run_older_body(piece, routine, piece.at(call.get("location")))
                for key, found in older.items()
                for call, routine in self._overloads_called(key, found)
            ]
        finally:
            self.running.difference_update(running)
        # a routine called twice: its findings once
        seen = {(f.statement.number, f.line, f.column, f.rule) for f in self.findings[:before]}
        kept = []
        for finding in self.findings[before:]:
            where = (finding.statement.number, finding.line, finding.column, finding.rule)
            if where not in seen:
                seen.add(where)
                kept.append(finding)
        self.findings[before:] = kept
        return bool(created) or any(ran)

    def _overloads_called(self, key: str, calls: list[Node]) -> list[tuple[Node, Routine]]:
        """Each call of routine ``key`` with the overload it runs (every one it may run, where the
        lint cannot tell them apart), each overload once."""
        routine = self.catalog.routines.get(key)
        if routine is None:
            return []
        found: dict[int, tuple[Node, Routine]] = {}
        for call in calls:
            for chosen in _chosen_overloads(routine.overloads, call):
                found.setdefault(id(chosen), (call, chosen))
        return list(found.values())

    def _run_older_body(self, piece: _Piece, routine: Routine, offset: int) -> bool:
        """A routine made by an earlier file runs its body where this statement calls it: the
        findings of its static statements stand at the call. What the lint cannot read in it
        (dynamic SQL, another language) was the routine's author's, and stays unreported; a body
        the lint cannot parse at all is ``opaque-sql`` at the call. Whether the lint knows the body."""
        key = routine.key
        if routine.created is None or not (routine.body or "sql_body" in routine.created):
            return False
        # parsed under the routine's own head: its RETURN forms and parameter names are those of it
        sql = f"{routine_header(routine.created)} LANGUAGE {routine.language} AS {dollar_quoted(routine.body)}"
        try:
            if not routine.body:  # BEGIN ATOMIC whose statements its file's text did not show
                raise SyntaxProblem(NO_ATOMIC_END, -1)
            node = parse(sql)[0][0].node
            items = body_statements(sql, node)
        except SyntaxProblem as problem:
            self._opaque(
                piece,
                offset,
                f"{display(key)}(), made by an earlier file, runs here a body the lint cannot read "
                f"({problem.message}); write the statements out, or waive",
            )
            return True
        creating = _Piece("CreateFunctionStmt", node, piece.statement, offset, Offsets(sql), sql)
        self.called_at.append((*self._position(offset), f"{display(key)}(), made by an earlier file, runs here: "))
        try:
            for item in items:
                if item.dynamic is None:
                    self._check_body_statement(creating, offset - item.offset, item)
        finally:
            self.called_at.pop()
        return True

    def _run_bodies(self, created: list[tuple[Statement, Node]]) -> None:
        for statement, node in created:
            start = self.statement_starts[statement.number - 1]
            creating = _Piece("CreateFunctionStmt", node, statement, start, Offsets(statement.sql), statement.sql)
            try:
                items = body_statements(statement.sql, node)
            except SyntaxProblem as problem:
                self._opaque(creating, start, f"the routine's body: {problem.message}; write the statements out")
                continue
            for item in items:
                self._check_body_statement(creating, start, item)

    def _creation_of(self, key: str, piece: _Piece, calls: list[Node]) -> list[tuple[Statement, Node]]:
        """The last ``CREATE FUNCTION``/``PROCEDURE`` of ``key`` before the statement, parsed alone,
        of each overload that ``calls`` run (the file may make several under the name)."""
        made: dict[object, tuple[Statement, Node, Routine]] = {}
        for statement in reversed(self.statements[: piece.statement.number]):
            upper = statement.sql.upper()
            if "FUNCTION" not in upper and "PROCEDURE" not in upper:
                continue
            try:
                parsed, _ = parse(statement.sql)
            except SyntaxProblem:
                continue
            for item in reversed(parsed):
                name = strings(item.node.get("funcname"))
                if item.kind == "CreateFunctionStmt" and name and self.catalog.qualify(name) == key:
                    parameters = item.node.get("parameters") or []
                    optional = sum(1 for p in parameters if "defexpr" in p.get("FunctionParameter", {}))
                    arguments = signature(parameters)
                    routine = Routine(key, "function", arguments=arguments, optional=optional)
                    made.setdefault(arguments, (statement, item.node, routine))
        overloads = tuple(routine for _, _, routine in made.values())
        chosen = {id(routine) for call in calls for routine in _chosen_overloads(overloads, call)}
        return [(statement, node) for statement, node, routine in made.values() if id(routine) in chosen]

    def _data_modifying_cte(self, piece: _Piece) -> None:
        for item in walk(piece.node.get("withClause")):
            cte = item.get("CommonTableExpr")
            if not cte:
                continue
            query = cte.get("ctequery", {})
            verb = next((k for k in ("InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt") if k in query), None)
            if verb is None:
                continue
            offset = self._word_after(piece, piece.at(cte.get("location")), "ASCII_40")
            self._emit(
                piece,
                offset,
                "data-modifying-cte",
                f"{verb.removesuffix('Stmt').upper()} inside WITH modifies rows where the lint cannot follow; write it "
                "as its own statement",
            )
            return

    def _check_CopyStmt(self, piece: _Piece) -> None:
        node = piece.node
        start = self._start(piece)
        if not node.get("is_from"):  # COPY ... TO reads, but for what its query does and a program it runs
            if node.get("is_program"):
                self._opaque(piece, start, "COPY ... TO PROGRAM runs a program on the server; leave it out, or waive")
            for kind, query in (node.get("query") or {}).items():
                self._check(piece._replace(kind=kind, node=query))
            return
        stdin = not node.get("filename")
        source = "stdin: the data lines that follow are not SQL" if stdin else "a file or program on the server"
        self._emit(piece, start, "opaque-sql", f"COPY ... FROM {source}; load data with INSERT statements")

    def _check_VacuumStmt(self, piece: _Piece) -> None:
        node = piece.node
        if not node.get("is_vacuumcmd"):
            return
        start = self._start(piece)
        self._no_transaction(piece, start, "VACUUM")
        if "full" in [o.get("DefElem", {}).get("defname") for o in node.get("options") or ()]:
            for item in node.get("rels") or ():
                self._rewrite_table(piece, start, item.get("VacuumRelation", {}).get("relation"), "VACUUM FULL")

    def _check_ExplainStmt(self, piece: _Piece) -> None:
        """``EXPLAIN`` runs nothing; ``EXPLAIN ANALYZE`` runs its statement, which is judged."""
        options = {
            o.get("DefElem", {}).get("defname"): o.get("DefElem", {}).get("arg")
            for o in piece.node.get("options") or ()
        }
        if "analyze" not in options or _string_arg(options["analyze"]) in ("false", "off", "0"):
            return
        ((kind, node),) = piece.node.get("query", {}).items()
        self._check(piece._replace(kind=kind, node=node))

    def _check_ClusterStmt(self, piece: _Piece) -> None:
        """``CLUSTER t``: rewrites ``t`` in index order under an exclusive lock; ``CLUSTER`` of every
        table cannot run in a transaction."""
        start = self._start(piece)
        relation = piece.node.get("relation")
        if relation is None:
            self._no_transaction(piece, start, "CLUSTER without a table")
            return
        self._rewrite_table(piece, start, relation, "CLUSTER")

    def _rewrite_table(self, piece: _Piece, offset: int, relation: Node | None, what: str) -> None:
        if not relation:
            return
        key, _ = self._relation_for(relation)
        if self._existed("table", key):
            self._rewrite(
                piece,
                offset,
                display(key),
                f"{what} rewrites {display(key)}",
                "run it outside migrations in a maintenance window (or with pg_repack), or waive with a reason",
            )

    def _check_ReindexStmt(self, piece: _Piece) -> None:
        options = [p.get("DefElem", {}).get("defname") for p in piece.node.get("params") or ()]
        if "concurrently" in options:
            self._no_transaction(piece, self._start(piece), "REINDEX CONCURRENTLY")

    def _check_DropdbStmt(self, piece: _Piece) -> None:
        name = piece.node.get("dbname", "")
        self._emit(
            piece, self._start(piece), "drop-schema", f"dropping database {name} destroys everything in it", name
        )

    def _alone(self, piece: _Piece) -> tuple[str, int, Node]:
        """The text of the statement ``piece`` alone, where it starts in the file, and its node (whose
        locations count from that text). A replay parses the whole file as one statement: there the
        piece's own span is parsed again, since a body parsed from the whole text would be every
        ``DO`` block's or ``BEGIN ATOMIC`` routine's of the file."""
        if not self.lazy or piece.span is None or piece.text is not self.text:
            return piece.statement.sql, self.statement_starts[piece.statement.number - 1], piece.node
        start, end = piece.span
        sql = self.text[start:end]
        return sql, start, parse(sql)[0][0].node

    def _check_DoStmt(self, piece: _Piece) -> None:
        start = self._start(piece)
        statement_sql, statement_start, node = self._alone(piece)
        try:
            items = body_statements(statement_sql, node)
        except SyntaxProblem as problem:
            self._opaque(
                piece,
                start,
                f"DO block: {problem.message}; the lint cannot see what it runs; write the statements out, or waive",
            )
            return
        for item in items:
            self._check_body_statement(piece, statement_start, item)

    def _check_body_statement(self, piece: _Piece, statement_start: int, item: BodyStatement) -> None:
        offset = statement_start + item.offset
        if item.dynamic is not None:
            self._opaque(
                piece,
                offset,
                f"{item.dynamic} in a DO block runs SQL the lint cannot see; write the statements out, or waive",
            )
            return
        try:
            parsed, offsets = parse(item.sql)
        except SyntaxProblem as problem:
            self._emit(
                piece,
                offset,
                "unrecognized-statement",
                f"a statement of the DO block that PostgreSQL's parser reads only at run time ({problem.message}): "
                "the lint cannot prove it additive; rewrite it, or waive with a reason",
            )
            return
        if len(parsed) == 1:
            self._check(_Piece(parsed[0].kind, parsed[0].node, piece.statement, offset, offsets, item.sql))
            return
        # several statements in one EXECUTE'd constant: each parsed alone, so that it starts where it stands
        for one in parsed:
            start_byte = len(item.sql[: one.offset].encode("utf-8"))
            end = offsets.char(start_byte + one.length) if one.length else len(item.sql)
            text = item.sql[one.offset : end]
            for alone in parse(text)[0]:
                self._check(_Piece(alone.kind, alone.node, piece.statement, offset + one.offset, Offsets(text), text))

    # -- ALTER TABLE ------------------------------------------------------------------------

    def _check_AlterTableStmt(self, piece: _Piece) -> None:
        node = piece.node
        objtype = node.get("objtype", "OBJECT_TABLE")
        relation_node = node["relation"]
        key = self.catalog.relation_key(relation_node)
        offsets = self._action_offsets(piece, relation_node.get("location"))
        for index, item in enumerate(node.get("cmds") or ()):
            cmd = item.get("AlterTableCmd", {})
            offset = offsets[index] if index < len(offsets) else offsets[-1]
            if cmd.get("subtype") != "AT_ColumnDefault":  # a default set is stored; added, it runs for the rows
                self._run_called_routines(piece, cmd)
            if objtype not in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"):
                benign = cmd.get("subtype") in _BENIGN_ACTIONS or cmd.get("subtype") == "AT_ColumnDefault"
                if objtype == "OBJECT_SEQUENCE" and cmd.get("subtype") in ("AT_SetLogged", "AT_SetUnLogged"):
                    benign = True  # a sequence is one row; UNLOGGED ones are rebuilt with their table
                if not benign:
                    self._alter_table_cmd(piece, key, cmd, offset)
                continue
            self._alter_table_cmd(piece, key, cmd, offset)
            recurse = piece.node["relation"].get("inh", False)
            self.catalog.alter_table_cmd(self.catalog.altered(key), cmd, recurse=recurse)

    def _alter_table_cmd(self, piece: _Piece, key: str, cmd: Node, offset: int) -> None:
        subtype = cmd.get("subtype", "")
        name = display(key)
        existed = self._existed("table", key)
        column = cmd.get("name")
        relation = self.catalog.relations.get(key)
        if subtype in _BENIGN_ACTIONS:
            return
        if subtype in _DISABLE:
            self.disabled[(key, cmd.get("name") or _DISABLE[subtype] or "")] = (piece, offset)
            return
        if subtype in _ENABLE:
            which = _ENABLE[subtype]
            if which is None:
                self.disabled.pop((key, cmd.get("name") or ""), None)
            else:
                for table, trigger in list(self.disabled):
                    if table == key and (which == "ALL" or trigger != "ALL"):
                        del self.disabled[(table, trigger)]
            return
        if subtype == "AT_AddColumn":
            self._add_column(piece, key, cmd, offset)
            return
        if subtype == "AT_AddConstraint":
            self._add_constraint(piece, key, cmd.get("def", {}).get("Constraint", {}), offset)
            return
        if subtype in ("AT_SetUnLogged", "AT_SetLogged", "AT_SetTableSpace", "AT_SetAccessMethod"):
            if not existed:
                return
            if subtype == "AT_SetUnLogged":
                self._emit(
                    piece,
                    offset,
                    "set-unlogged",
                    f"SET UNLOGGED makes {name} lose every row on a crash and stops replicating it, and rewrites it "
                    "under an exclusive lock; keep it logged",
                    name,
                )
            else:
                what = {"AT_SetLogged": "SET LOGGED", "AT_SetTableSpace": "SET TABLESPACE"}.get(
                    subtype, "SET ACCESS METHOD"
                )
                self._rewrite(
                    piece,
                    offset,
                    name,
                    f"{what} rewrites {name}",
                    "run it outside migrations in a maintenance window, or waive with a reason",
                )
            return
        if subtype == "AT_DropConstraint":
            constraint = cmd.get("name", "")
            dropped = relation.constraints.get(constraint) if relation is not None else None
            checked = dropped.not_null if dropped is not None else None
            guarded = relation.columns.get(checked) if relation is not None and checked else None
            if guarded is not None and not guarded.nullable:
                return  # a CHECK (c IS NOT NULL) that SET NOT NULL made redundant (strong_migrations' recipe)
            if existed and (key, constraint) not in self.created_constraints:
                self._emit(
                    piece,
                    offset,
                    "drop-constraint",
                    f"dropping constraint {constraint} of {name} lets rows in that it kept out; keep it, or waive",
                    name,
                )
            return
        if subtype in ("AT_DetachPartition", "AT_DropInherit"):
            self._detach(piece, key, cmd, offset)
            return
        if subtype == "AT_DetachPartitionFinalize":
            return  # finishes a DETACH ... CONCURRENTLY that was interrupted: reported where it started
        if subtype in ("AT_AddOf", "AT_DropOf"):
            self._unrecognized(piece, " ".join(self.text[offset : offset + 40].split()[:3]), offset)
            return
        if subtype == "AT_SetIdentity":
            if existed:
                self._identity_restart(piece, key, cmd, offset)
            return
        if not column:
            self._unrecognized(piece, " ".join(self.text[offset : offset + 40].split()[:3]), offset)
            return
        column_name = f"{name}.{column}"
        new = self._column_is_new(key, column)
        if subtype == "AT_DropColumn":
            if cmd.get("missing_ok") and self._column_never_made(key, relation, column):
                return
            if not new:
                self._emit(
                    piece,
                    offset,
                    "drop-column",
                    f"dropping column {column_name} destroys its data and breaks code that reads it; stop using it "
                    "first and drop it in a later release, or waive with a reason",
                    column_name,
                )
            self.new_columns.discard((key, column))
        elif subtype == "AT_SetNotNull":
            self._note_step(key, column, piece, offset)
            if new or (self._not_null_in(self.catalog, key, column) or self._not_null_in(self.before, key, column)):
                return  # NOT NULL already, or before the file (a column restated: DROP NOT NULL, ..., SET NOT NULL)
            self._set_not_null(piece, offset, column_name)
        elif subtype == "AT_DropNotNull":
            current = relation.columns.get(column) if relation is not None else None
            nullable = current is not None and current.nullable and key not in self.assumed  # nothing changes
            if not new and not nullable and (key, column) not in self.dropped_not_nulls:
                self.dropped_not_nulls[(key, column)] = self._emit(
                    piece,
                    offset,
                    "drop-not-null",
                    f"DROP NOT NULL on {column_name} lets NULLs reach code that does not expect them",
                    column_name,
                )
        elif subtype in ("AT_ColumnDefault", "AT_DropIdentity"):
            dropping = subtype == "AT_DropIdentity" or cmd.get("def") is None
            if not dropping:
                return
            self._note_step(key, column, piece, offset)
            before = self.before.relations.get(key)
            had = before.columns.get(column) if before is not None and before.complete else None
            if not new and (had is None or had.has_default) and (key, column) not in self.dropped_defaults:
                self.dropped_defaults[(key, column)] = self._emit(
                    piece,
                    offset,
                    "drop-default",
                    f"DROP DEFAULT on {column_name} makes inserts that leave it out write NULL (or fail if it is "
                    "NOT NULL); keep the default",
                    column_name,
                )
        elif subtype == "AT_AlterColumnType":
            self._alter_type(piece, key, column, cmd, offset)
        elif subtype == "AT_SetExpression":
            if not new:
                self._rewrite(piece, offset, column_name, f"SET EXPRESSION recomputes {column_name} for every row")
        else:
            self._unrecognized(piece, " ".join(self.text[offset : offset + 40].split()[:3]), offset)

    def _detach(self, piece: _Piece, key: str, cmd: Node, offset: int) -> None:
        """``DETACH PARTITION p`` / ``NO INHERIT parent``: the rows of ``p`` (of the child) leave the
        parent. Nothing is destroyed (they stay in ``p``, which keeps its name), but readers of the
        parent stop seeing them, writes of that range into the parent fail unless a default
        partition takes them, and ``p`` loses the partition constraint that kept other rows out:
        the closest rule is ``drop-constraint``."""
        detach = cmd.get("subtype") == "AT_DetachPartition"
        partition_node = cmd.get("def", {}).get("PartitionCmd", {}).get("name", {}) if detach else None
        if partition_node is not None and partition_node.get("relname"):
            partition = self.catalog.relation_key(partition_node)
            parent = key
        else:
            partition, parent = key, self.catalog.relation_key(cmd.get("def", {}).get("RangeVar", {}))
        if detach and cmd.get("def", {}).get("PartitionCmd", {}).get("concurrent"):
            self._no_transaction(piece, offset, "DETACH PARTITION ... CONCURRENTLY")
        if not (self._existed("table", parent) and self._existed("table", partition)):
            return
        if detach:
            message = (
                f"detaching partition {display(partition)} from {display(parent)}: its rows stay in "
                f"{display(partition)} but readers of {display(parent)} stop seeing them, inserts of that range "
                f"into {display(parent)} fail unless a default partition takes them, and {display(partition)} "
                "loses the partition constraint that kept other rows out; detach once no code reads that range "
                f"through {display(parent)}, or waive with a reason"
            )
        else:
            message = (
                f"NO INHERIT takes the rows of {display(partition)} out of {display(parent)}: they stay in "
                f"{display(partition)} but readers of {display(parent)} stop seeing them; do it once no code reads "
                f"them through {display(parent)}, or waive with a reason"
            )
        self._emit(piece, offset, "drop-constraint", message, display(parent))

    def _identity_restart(self, piece: _Piece, key: str, cmd: Node, offset: int) -> None:
        """``ALTER COLUMN c RESTART``: the identity's sequence restarts like ``ALTER SEQUENCE ... RESTART``."""
        options = [
            item.get("DefElem", {}).get("defname") for item in cmd.get("def", {}).get("List", {}).get("items") or ()
        ]
        if "restart" not in options or (key, cmd.get("name", "")) in self.new_columns:
            return
        name = f"{display(key)}.{cmd.get('name', '')}"
        self._emit(
            piece,
            offset,
            "sequence-restart",
            f"restarting the identity of {name} can hand out ids that are already taken; set it past the highest "
            f"id with setval(pg_get_serial_sequence('{display(key)}', '{cmd.get('name', '')}'), ...) instead",
            name,
        )

    def _note_step(self, key: str, column: str, piece: _Piece, offset: int) -> None:
        if (key, column) in self.added_at:
            self.last_step[(key, column)] = (piece, offset)

    def _not_null_in(self, catalog: Catalog, key: str, column: str) -> bool:
        """Whether ``catalog`` knows ``key.column`` NOT NULL (or guarded by a ``CHECK (column IS NOT
        NULL)``); a table the file only assumes to exist is known in neither."""
        relation = catalog.relations.get(key)
        return relation is not None and relation.effectively_not_null(column) and key not in self.assumed

    def _set_not_null(
        self, piece: _Piece, offset: int, column_name: str, how: str = "SET NOT NULL", *, not_valid: bool = False
    ) -> None:
        fails = (
            "leaves existing NULLs until VALIDATE (which then fails on them)"
            if not_valid
            else "fails on existing NULLs"
        )
        self._emit(
            piece,
            offset,
            "set-not-null",
            f"{how} on {column_name} {fails} and breaks code that writes NULL; keep it nullable and "
            "enforce the value in the application, or waive with a reason",
            column_name,
        )

    def _rewrite(
        self,
        piece: _Piece,
        offset: int,
        obj: str,
        what: str,
        advice: str = "add a new column and backfill it in batches instead",
    ) -> None:
        table = obj.split(".")[0] if obj.count(".") == 1 else obj
        self._emit(
            piece,
            offset,
            "table-rewrite",
            f"{what}: the table is rewritten under an ACCESS EXCLUSIVE lock, blocking reads and writes for the "
            f"duration; {advice}",
            table,
        )

    def _add_column(self, piece: _Piece, key: str, cmd: Node, offset: int) -> None:
        definition = cmd.get("def", {}).get("ColumnDef", {})
        column = definition.get("colname", "")
        relation = self.catalog.relations.get(key)
        if relation is not None and column in relation.columns and cmd.get("missing_ok"):
            return  # ADD COLUMN IF NOT EXISTS of a column the catalog knows: nothing happens
        if not self._existed("table", key):
            return
        name = display(key)
        column_name = f"{name}.{column}"
        self.new_columns.add((key, column))
        _, serial = column_type(definition.get("typeName", {}))
        not_null = serial
        default: Node | None = None
        generated = identity = unique = False
        for item in definition.get("constraints") or ():
            constraint = item.get("Constraint", {})
            contype = constraint.get("contype")
            if contype in ("CONSTR_NOTNULL", "CONSTR_PRIMARY"):
                not_null = True
            if contype == "CONSTR_DEFAULT" and not is_null_constant(constraint.get("raw_expr")):
                default = constraint.get("raw_expr")
            if contype == "CONSTR_GENERATED":
                generated = True
            if contype == "CONSTR_IDENTITY":
                identity = True
            if contype in ("CONSTR_UNIQUE", "CONSTR_PRIMARY"):
                unique = True
            if contype == "CONSTR_CHECK" and not_null_check(constraint) == column:
                not_null = True
        flagged = not_null and default is None and not (generated or identity or serial)
        self.added_at[(key, column)] = (piece, offset, flagged)
        if flagged:
            self._emit(
                piece,
                offset,
                "add-not-null-without-default",
                f"adding NOT NULL column {column_name} without a default fails on existing rows and breaks inserts "
                "by code that does not know it; add it with a DEFAULT, or nullable",
                column_name,
            )
        if unique:
            self._emit(
                piece,
                offset,
                "add-unique-to-existing",
                f"a unique column on existing table {name} builds a unique index under lock; add the column, then "
                "CREATE UNIQUE INDEX CONCURRENTLY",
                name,
            )
        volatile = serial or identity or (generated and not self._virtual(definition)) or self._volatile(default)
        if volatile or (default is not None and self.version < 11):
            why = "a volatile default" if not generated else "a stored generated column"
            if self.version < 11 and default is not None and not volatile:
                why = "a default before PostgreSQL 11"
            self._rewrite(piece, offset, column_name, f"ADD COLUMN {column_name} with {why} rewrites {name}")

    @staticmethod
    def _virtual(definition: Node) -> bool:
        return any(c.get("Constraint", {}).get("generated_kind") == "v" for c in definition.get("constraints") or ())

    def _volatile(self, expression: Node | None) -> bool:
        if expression is None:
            return False
        for item in walk(expression):
            call = item.get("FuncCall")
            if not call:
                continue
            parts = strings(call.get("funcname"))
            if parts and parts[-1].lower() in VOLATILE_FUNCTIONS:
                return True
            routine = self.catalog.routines.get(self.catalog.resolve(parts, self.catalog.routines))
            if routine is not None and routine.volatile:
                return True
        return False

    def _add_constraint(self, piece: _Piece, key: str, constraint: Node, offset: int) -> None:
        relation = self.catalog.relations.get(key)
        contype = constraint.get("contype", "")
        if constraint.get("conname"):
            self.created_constraints.add((key, constraint["conname"]))
        if not self._existed("table", key):
            return
        name = display(key)
        columns = strings(constraint.get("keys")) or strings(constraint.get("fk_attrs"))
        columns = columns or list(self.catalog.index_columns(key, constraint))
        all_new = bool(columns) and all((key, c) in self.new_columns for c in columns)
        if contype == "CONSTR_CHECK" and not_null_check(constraint):
            column = not_null_check(constraint) or ""
            if (key, column) in self.new_columns:
                self._note_step(key, column, piece, offset)
                return
            if relation is not None and relation.effectively_not_null(column) and key not in self.assumed:
                return
            not_valid = bool(constraint.get("skip_validation"))
            how = f"CHECK ({column} IS NOT NULL){' NOT VALID' if not_valid else ''}"
            self._set_not_null(piece, offset, f"{name}.{column}", how, not_valid=not_valid)
            return
        if contype == "CONSTR_NOTNULL":
            column = columns[0] if columns else ""
            if (key, column) in self.new_columns:
                self._note_step(key, column, piece, offset)
            elif not (relation is not None and relation.effectively_not_null(column)):
                self._set_not_null(piece, offset, f"{name}.{column}", "NOT NULL")
            return
        if contype == "CONSTR_PRIMARY":
            self._primary_key_not_null(piece, key, relation, columns, offset)
        if contype in ("CONSTR_PRIMARY", "CONSTR_UNIQUE"):
            if constraint.get("indexname") or all_new:
                return  # USING INDEX: the unique index exists already
            self._emit(
                piece,
                offset,
                "add-unique-to-existing",
                f"a unique or primary key constraint on existing table {name} fails if it holds duplicates and "
                "builds its index under lock; CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... "
                "USING INDEX",
                name,
            )
            return
        if constraint.get("skip_validation") or all_new:
            return
        if contype in ("CONSTR_CHECK", "CONSTR_FOREIGN"):
            what = "foreign key" if contype == "CONSTR_FOREIGN" else "check constraint"
            self._emit(
                piece,
                offset,
                "constraint-not-valid",
                f"adding a {what} to existing table {name} scans every row under a lock that blocks writes, and "
                "fails on rows that violate it; add it NOT VALID, then VALIDATE CONSTRAINT in a later statement",
                name,
            )
            return
        self._emit(
            piece,
            offset,
            "add-constraint-to-existing",
            f"a constraint on existing table {name} fails on rows that violate it and locks the table while it "
            "checks them; check the data first, or waive with a reason",
            name,
        )

    def _primary_key_not_null(
        self, piece: _Piece, key: str, relation: Relation | None, columns: list[str], offset: int
    ) -> None:
        """A primary key makes its columns NOT NULL: ``set-not-null`` for each that was nullable."""
        for column in columns:
            if (key, column) in self.new_columns:
                self._note_step(key, column, piece, offset)
            elif relation is not None and column in relation.columns and not relation.effectively_not_null(column):
                self._set_not_null(piece, offset, f"{display(key)}.{column}", "PRIMARY KEY")

    # -- end of file ------------------------------------------------------------------------

    def finish(self) -> None:
        """Judge what needs the whole file: net NOT NULL columns, re-created objects, disabled triggers."""
        for (key, column), (piece, offset, flagged) in self.added_at.items():
            if flagged:
                continue
            relation = self.catalog.relations.get(key)
            known = relation.columns.get(column) if relation is not None else None
            if known is None or relation is None:
                continue
            if relation.effectively_not_null(column) and not known.has_default:
                step_piece, step_offset = self.last_step.get((key, column), (piece, offset))
                name = f"{display(key)}.{column}"
                self._emit(
                    step_piece,
                    step_offset,
                    "add-not-null-without-default",
                    f"{name}, added in this file, ends NOT NULL without a default: inserts by code that does not "
                    "know it fail; keep a DEFAULT, or leave it nullable",
                    name,
                )
        self._rebuilds()
        self._net_renames_and_defaults()
        self._net_type_changes()
        for finding, original, now in self.type_replaced:
            if original in self.catalog.types and not self._labels_lost_unreported(finding, original):
                message = (
                    f"type {display(now)} (the old {display(original)}, renamed in this file) is replaced by the "
                    f"new {display(original)}; a column still of the old type makes the DROP fail"
                )
                self.findings[self.findings.index(finding)] = finding._replace(message=message, severity=INFO)
        for pending in self.pending:
            recreated = (pending.kind, pending.key) in self.new or self._exists_now(pending.kind, pending.key)
            if not recreated or not all(self._exists_now(kind, key) for kind, key in pending.requires):
                continue
            if self._other_arguments(pending):
                continue
            index = self.findings.index(pending.finding)
            if not pending.existed:
                del self.findings[index]  # DROP ... IF EXISTS x; CREATE x of an object that was not there
            elif pending.kind in ("type", "domain") and self._labels_lost_unreported(pending.finding, pending.key):
                continue
            elif pending.kind in _REPLACEABLE:
                old = pending.finding
                self.findings[index] = PgFinding(
                    old.statement,
                    old.line,
                    old.column,
                    old.rule,
                    f"{pending.kind} {display(pending.key)} is replaced: recreated later in this file",
                    old.object,
                    INFO,
                )
        for (table, trigger), (piece, offset) in self.disabled.items():
            which = "every trigger" if trigger in ("ALL", "USER") else f"trigger {trigger}"
            self._emit(
                piece,
                offset,
                "trigger-left-disabled",
                f"{which} of {display(table)} is disabled and not enabled again in this file: writes stop doing "
                "what the trigger did; ENABLE it again before the file ends",
                display(table),
            )

    def _net_renames_and_defaults(self) -> None:
        """What the end of the file undoes: a type renamed away whose name the file creates again
        (an enum recreated as ORMs do: rename, create, move the columns, drop the old one), a
        dropped default that the file sets again, and a dropped NOT NULL that the file sets again."""
        types = self.catalog.types
        for finding, old in self.type_name_freed:
            if old in types:
                self.findings.remove(finding)
        for (key, column), finding in self.dropped_defaults.items():
            relation = self.catalog.relations.get(key)
            known = relation.columns.get(column) if relation is not None else None
            if known is not None and known.has_default:
                self.findings.remove(finding)
        for (key, column), finding in self.dropped_not_nulls.items():
            if self._not_null_in(self.catalog, key, column):
                self.findings.remove(finding)

    def _rebuilds(self) -> None:
        """The safe rebuild of table t (create new, copy every row, drop t, rename new to t) is
        accepted when the catalog proves that every column, index and trigger of t is back."""
        for pending in list(self.pending):
            source = self.renamed_new.get(pending.key)
            if pending.kind != "table" or not pending.existed or source is None:
                continue
            self.pending.remove(pending)
            self.findings.remove(pending.finding)
            drop = pending.finding
            name = display(pending.key)
            lost = self._rebuild_losses(pending.key, source, drop)
            if lost:
                self._emit_at(
                    drop.statement, self._offset_of(drop), "rebuild-unverified", f"rebuild of {name}: {lost}", name
                )
            dependents = self._rebuild_dependents(pending.key)
            if dependents:
                self._emit_at(
                    drop.statement,
                    self._offset_of(drop),
                    "rebuild-loses-dependents",
                    f"rebuild of {name} does not recreate: {', '.join(dependents)}; create them again after the rename",
                    name,
                )

    def _offset_of(self, finding: PgFinding) -> int:
        return self.line_starts[finding.line - 1] + finding.column - 1

    def _rebuild_losses(self, table: str, source: str, drop: PgFinding) -> str:
        old = self.before.relations.get(table)
        new = self.catalog.relations.get(table)
        name = display(table)
        if old is None or not old.complete or new is None:
            return f"the catalog does not know every column of {name}, so the rebuild cannot be proven to keep them"
        copied = False
        problems: list[str] = []
        for piece, target, node in self.copies:
            select = node.get("selectStmt", {}).get("SelectStmt", {})
            sources = [
                self.catalog.relation_key(f["RangeVar"]) for f in select.get("fromClause") or () if "RangeVar" in f
            ]
            if target != source or table not in sources or piece.statement.line > drop.line:
                continue
            copied = True
            filters = [
                word
                for word, present in (
                    ("WHERE", select.get("whereClause")),
                    ("LIMIT", select.get("limitCount")),
                    ("DISTINCT", select.get("distinctClause")),
                    ("GROUP BY", select.get("groupClause")),
                    ("a second table in FROM", len(select.get("fromClause") or ()) > 1),
                    ("ON CONFLICT", node.get("onConflictClause")),
                )
                if present
            ]
            if filters:
                self._emit(
                    piece,
                    self._start(piece),
                    "rebuild-filters-rows",
                    f"rebuild of {name}: the copy into {display(source)} uses {', '.join(filters)}, so it may not "
                    "move every row",
                    name,
                )
            listed = [t.get("ResTarget", {}).get("name") for t in node.get("cols") or ()]
            if listed:
                problems += [f"column {c} is not copied" for c in old.columns if c not in listed]
        if not copied:
            self._emit_at(
                drop.statement,
                self._offset_of(drop),
                "rebuild-filters-rows",
                f"rebuild of {name}: no INSERT INTO {display(source)} ... SELECT ... FROM {name} before the DROP, so "
                "its rows are lost",
                name,
            )
        for column_name, column in old.columns.items():
            now = new.columns.get(column_name)
            if now is None:
                problems.append(f"column {column_name} is lost")
            elif judge_change(column.type, now.type)[0] == "change":
                problems.append(f"column {column_name} changes type from {column.type} to {now.type}")
        return "; ".join(problems)

    def _rebuild_dependents(self, table: str) -> list[str]:
        missing: list[str] = []
        now = {(i.columns, i.unique) for i in self.catalog.indexes.values() if i.table == table}
        for index in self.before.indexes.values():
            if index.table == table and (index.columns, index.unique) not in now:
                missing.append(f"index {display(index.key)}")
        for trigger_table, trigger in self.before.triggers:
            if trigger_table == table and (table, trigger) not in self.catalog.triggers:
                missing.append(f"trigger {trigger}")
        return missing

    def _other_arguments(self, pending: _Pending) -> bool:
        """Whether the routine the file made again under a dropped one's name no longer answers
        calls with the old argument types (see ``answers_calls``): then the drop is no replacement
        (its message says so)."""
        routine = self.catalog.routines.get(pending.key)
        old_types = pending.arguments
        if old_types is None or routine is None:
            return False
        made = [
            r
            for r in routine.overloads
            if r.arguments is not None and (pending.key, r.arguments) in self.made_overloads
        ]
        if not made:  # the name stays with other overloads from before, none made here: a plain drop
            return any(r.arguments is not None for r in routine.overloads)
        if any(answers_calls(old_types, r.arguments, r.optional) for r in made if r.arguments is not None):
            return False
        new_types = made[0].arguments
        assert new_types is not None
        index = self.findings.index(pending.finding)
        old = pending.finding
        message = (
            f"{old.message}; the file creates {display(pending.key)}({', '.join(map(str, new_types))}) again, "
            f"not ({', '.join(map(str, old_types))}): calls with the old argument types fail"
        )
        self.findings[index] = old._replace(message=message)
        return True

    def _older_overload(self, key: str, arguments: tuple[ColumnType, ...] | None) -> bool:
        """Whether a ``DROP`` of routine ``key`` taking ``arguments`` drops one from before the file,
        not the one the file made under that name with other argument types."""
        made = self.catalog.routines.get(key)
        return (
            arguments is not None
            and key in self.before.routines
            and made is not None
            and made.arguments is not None
            and made.arguments != arguments
        )

    def _exists_now(self, kind: str, key: str) -> bool:
        catalog = self.catalog
        if kind in ("table", "view"):
            return key in catalog.relations
        if kind == "index":
            return key in catalog.indexes
        if kind in ("function", "procedure", "routine", "aggregate"):
            return key in catalog.routines
        if kind in ("trigger", "rule"):
            table, _, name = key.rpartition(".")
            return (table, name) in catalog.triggers or (kind, key) in self.new
        if kind in ("type", "domain"):
            return key in catalog.types
        return False


def _every_row(where: Node | None) -> bool:
    """Whether a ``WHERE`` keeps every row: none, ``WHERE true``, or two equal constants compared
    (``WHERE 1 = 1``, written to get past tools that refuse an UPDATE or DELETE without WHERE)."""
    if where is None:
        return True
    if "A_Const" in where:
        return where["A_Const"].get("boolval", {}).get("boolval") is True
    expression = where.get("A_Expr", {})
    if expression.get("kind") != "AEXPR_OP" or strings(expression.get("name")) != ["="]:
        return False
    left, right = expression.get("lexpr", {}).get("A_Const"), expression.get("rexpr", {}).get("A_Const")
    if left is None or right is None or left.get("isnull") or right.get("isnull"):
        return False  # NULL = NULL is NULL: it keeps no row
    return {k: v for k, v in left.items() if k != "location"} == {k: v for k, v in right.items() if k != "location"}


def _chosen_overloads(overloads: tuple[Routine, ...], call: Node) -> tuple[Routine, ...]:
    """The overloads a call may run, as PostgreSQL chooses: those its number of arguments fits
    (with defaults), then those its typed arguments go to (``call_fit``), the best fitting; every
    one left where the call's arguments do not tell them apart."""
    if len(overloads) == 1:
        return overloads
    given = call.get("args") or []
    if any("NamedArgExpr" in argument for argument in given):
        return overloads  # by name: any of them may take it
    types = [argument_type(argument) for argument in given]
    fitting: list[tuple[tuple[int, int], Routine]] = []
    for routine in overloads:
        if routine.arguments is None:
            fitting.append(((0, 0), routine))
            continue
        if not len(routine.arguments) - routine.optional <= len(types) <= len(routine.arguments):
            continue
        fit = call_fit(types, routine.arguments)
        if fit is not None:
            fitting.append((fit, routine))
    if not fitting:
        return overloads
    best = max(fit for fit, _ in fitting)
    return tuple(routine for fit, routine in fitting if fit == best)
