"""Column types from pglast ``TypeName`` nodes, and whether a type change keeps every value."""

from __future__ import annotations

from typing import Any, NamedTuple

from ratchet.linter.postgres.parse import Node, strings

#: Spellings of the built-in types, by the name PostgreSQL stores (``pg_type.typname``).
_ALIASES = {
    "int": "int4",
    "integer": "int4",
    "int4": "int4",
    "serial": "int4",
    "serial4": "int4",
    "smallint": "int2",
    "int2": "int2",
    "smallserial": "int2",
    "serial2": "int2",
    "bigint": "int8",
    "int8": "int8",
    "bigserial": "int8",
    "serial8": "int8",
    "boolean": "bool",
    "bool": "bool",
    "decimal": "numeric",
    "numeric": "numeric",
    "real": "float4",
    "float4": "float4",
    "float8": "float8",
    "double precision": "float8",
    "varchar": "varchar",
    "character varying": "varchar",
    "char": "bpchar",
    "character": "bpchar",
    "bpchar": "bpchar",
    "timestamptz": "timestamptz",
    "timetz": "timetz",
}
#: Types whose modifier is a fractional-second precision (0 to 6; none means 6).
_TIME_PRECISION = frozenset({"timestamp", "timestamptz", "time", "timetz"})
SERIALS = frozenset({"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"})
_INTEGER_DIGITS = {"int2": 5, "int4": 10, "int8": 19}
#: Changes that keep every value and whose storage is binary compatible (no table rewrite).
_NO_REWRITE = frozenset({("varchar", "text"), ("text", "varchar"), ("cidr", "inet"), ("varbit", "varbit")})


class ColumnType(NamedTuple):
    """A column type: PostgreSQL's internal name, its modifiers, and array dimensions."""

    name: str
    mods: tuple[int, ...] = ()
    array: int = 0

    def __str__(self) -> str:
        mods = f"({','.join(map(str, self.mods))})" if self.mods else ""
        return f"{self.name}{mods}{'[]' * self.array}"


def column_type(type_name: Node) -> tuple[ColumnType | None, bool]:
    """The type of a ``TypeName`` node (``None`` when it cannot be read: ``%TYPE``, ``SETOF``)
    and whether it is a ``serial`` type (which brings a sequence default and NOT NULL)."""
    if type_name.get("pct_type") or type_name.get("setof"):
        return None, False
    names = strings(type_name.get("names"))  # the parser folds unquoted names to lower case already
    if not names:
        return None, False
    if names[0] == "pg_catalog" and len(names) == 2:
        base = _ALIASES.get(names[1], names[1])
    elif len(names) == 1:
        base = _ALIASES.get(names[0], names[0])
    else:
        base = ".".join(names[-2:]) if names[-2] != "public" else names[-1]
    mods: list[int] = []
    for item in type_name.get("typmods") or ():
        value = _integer(item)
        if value is None:
            if base in ("interval", "timestamp", "timestamptz", "time", "timetz"):
                continue
            return None, False  # an expression as a modifier
        mods.append(value)
    if base == "float":  # float(p): float4 up to 24 bits of precision, float8 above
        base = "float4" if mods and mods[0] <= 24 else "float8"
        mods = []
    array = len(type_name.get("arrayBounds") or ())
    return ColumnType(base, tuple(mods), array), names[-1] in SERIALS


#: Parameter modes that are part of a routine's identity (``OUT`` and ``TABLE`` columns are not).
_INPUT_MODES = frozenset({"FUNC_PARAM_IN", "FUNC_PARAM_INOUT", "FUNC_PARAM_VARIADIC", "FUNC_PARAM_DEFAULT"})


def signature(parameters: list[Node]) -> tuple[ColumnType, ...] | None:
    """The input argument types of a routine's ``FunctionParameter`` nodes, as PostgreSQL tells
    overloads apart (no modifiers, one array level, a user type by its name without the schema,
    which the search path may or may not spell); ``None`` when one cannot be read (``%TYPE``)."""
    types: list[ColumnType] = []
    for item in parameters:
        parameter = item.get("FunctionParameter", {})
        if parameter.get("mode", "FUNC_PARAM_IN") not in _INPUT_MODES:
            continue
        read, _ = column_type(parameter.get("argType") or {})
        if read is None:
            return None
        types.append(ColumnType(read.name.rsplit(".", 1)[-1], (), min(read.array, 1)))
    return tuple(types)


def dropped_signature(item: Node) -> tuple[ColumnType, ...] | None:
    """The argument types a ``DROP FUNCTION`` names for one routine (``None``: it names none)."""
    named = item.get("ObjectWithArgs", {})
    if named.get("args_unspecified"):
        return None
    return signature(
        [{"FunctionParameter": {"argType": arg.get("TypeName", {})}} for arg in named.get("objargs") or ()]
    )


def answers_calls(old: tuple[ColumnType, ...], new: tuple[ColumnType, ...], optional: int) -> bool:
    """Whether a routine taking ``new`` argument types (the last ``optional`` with a default) still
    answers every call of one taking ``old``: each old type the same as, or widened to, the new one
    in its place, and every argument added after them with a default."""
    if len(new) < len(old) or len(new) - optional > len(old):
        return False
    return all(judge_change(a, b)[0] in ("same", "widen") for a, b in zip(old, new, strict=False))


def collation_of(definition: Node) -> str | None:
    """The collation a ``ColumnDef`` names with ``COLLATE`` (``None``: the type's default)."""
    names = strings(definition.get("collClause", {}).get("collname"))
    if not names or names[-1] == "default":
        return None
    return names[-1] if names[0] == "pg_catalog" or len(names) == 1 else ".".join(names[-2:])


def _integer(node: Node) -> int | None:
    constant: Any = node.get("A_Const")
    if not isinstance(constant, dict):
        return None
    ival = constant.get("ival")
    if isinstance(ival, dict):
        return int(ival.get("ival", 0))
    return None


def judge_change(old: ColumnType | None, new: ColumnType | None) -> tuple[str, bool]:
    """``("same" | "widen" | "change", rewrites)`` for a column type change from ``old`` to ``new``.

    A widening keeps every value: ``varchar(n)`` to ``varchar(m >= n)``/``varchar``/``text``,
    ``text`` to ``varchar``, a larger integer, ``float4`` to ``float8``, a numeric with at
    least as many digits before and after the point, an integer to a numeric that holds it.
    """
    if old is None or new is None or old.array != new.array:
        return "change", True
    if old == new:
        return "same", False
    a, b = old.name, new.name
    if a == b:
        return _same_base(old, new)
    if (a, b) in (("varchar", "text"), ("text", "varchar")) and not new.mods:
        return "widen", False
    if a == "cidr" and b == "inet":
        return "widen", False
    if a in _INTEGER_DIGITS and b in _INTEGER_DIGITS:
        return ("widen", True) if _INTEGER_DIGITS[b] > _INTEGER_DIGITS[a] else ("change", True)
    if a in _INTEGER_DIGITS and b == "numeric":
        if not new.mods:
            return "widen", True
        precision, scale = new.mods[0], new.mods[1] if len(new.mods) > 1 else 0
        return ("widen", True) if precision - scale >= _INTEGER_DIGITS[a] else ("change", True)
    if (a, b) in (("float4", "float8"), ("int2", "float4"), ("int2", "float8"), ("int4", "float8")):
        return "widen", True  # every value is exact in the wider float
    return "change", True


def _same_base(old: ColumnType, new: ColumnType) -> tuple[str, bool]:
    name = old.name
    if name in ("varchar", "varbit"):
        if not new.mods:
            return "widen", False
        if old.mods and new.mods[0] >= old.mods[0]:
            return "widen", False
        return "change", True
    if name == "numeric":
        if not new.mods:
            return "widen", False
        if not old.mods:
            return "change", True
        old_scale = old.mods[1] if len(old.mods) > 1 else 0
        new_scale = new.mods[1] if len(new.mods) > 1 else 0
        if new_scale >= old_scale and new.mods[0] - new_scale >= old.mods[0] - old_scale:
            return "widen", new_scale != old_scale
        return "change", True
    if name in _TIME_PRECISION:
        # no precision is the maximum, 6 (Rails 7 restates timestamp columns as timestamp(6))
        before, after = (min(t.mods[0], 6) if t.mods else 6 for t in (old, new))
        if after == before:
            return "same", False
        return ("widen", False) if after > before else ("change", True)
    if name == "interval" and (not new.mods or not old.mods):
        return ("widen", False) if not new.mods else ("change", True)
    if name == "interval" and new.mods[0] >= old.mods[0]:
        return "widen", False
    return "change", True


#: The types a value of a built-in type is implicitly cast to where a call's argument needs it
#: (``pg_cast`` with ``castcontext = 'i'``, the ones that tell overloads apart).
_IMPLICIT = {
    "int2": frozenset({"int4", "int8", "numeric", "float4", "float8"}),
    "int4": frozenset({"int8", "numeric", "float4", "float8"}),
    "int8": frozenset({"numeric", "float4", "float8"}),
    "numeric": frozenset({"float4", "float8"}),
    "float4": frozenset({"float8"}),
    "varchar": frozenset({"text", "bpchar"}),
    "bpchar": frozenset({"text", "varchar"}),
    "text": frozenset({"varchar", "bpchar"}),
    "name": frozenset({"text", "varchar", "bpchar"}),
    "date": frozenset({"timestamp", "timestamptz"}),
    "timestamp": frozenset({"timestamptz"}),
}
#: The string types: an untyped string literal goes to one of these when an overload takes one.
_STRINGS = frozenset({"text", "varchar", "bpchar", "name"})


def argument_type(argument: Node) -> str | None:
    """The type of a call's argument where it says one: a cast's, an integer's (``int4``), a
    decimal's (``numeric``), a boolean's; ``unknown`` for a string literal or NULL, whose type the
    call decides; ``None`` for anything else."""
    if "TypeCast" in argument:
        read, _ = column_type(argument["TypeCast"].get("typeName") or {})
        return None if read is None or read.array else read.name.rsplit(".", 1)[-1]
    constant = argument.get("A_Const")
    if constant is None:
        return None
    if "ival" in constant:
        return "int4"
    if "fval" in constant:
        return "numeric"
    if "boolval" in constant:
        return "bool"
    return "unknown"


def call_fit(arguments: list[str | None], parameters: tuple[ColumnType, ...]) -> tuple[int, int] | None:
    """How well a call whose arguments have these types (:func:`argument_type`) fits a routine's
    ``parameters``, as PostgreSQL ranks the candidates: ``(exact matches, string literals to a
    string type)``, higher is better; ``None`` when an argument cannot go to its parameter."""
    exact = strings = 0
    for given, parameter in zip(arguments, parameters, strict=False):
        wanted = "" if parameter.array else parameter.name
        if given is None:
            continue
        if given == "unknown":
            strings += wanted in _STRINGS
        elif given == wanted:
            exact += 1
        elif wanted not in _IMPLICIT.get(given, ()):
            return None
    return exact, strings
