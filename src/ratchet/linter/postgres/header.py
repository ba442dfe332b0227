"""The head of a ``CREATE FUNCTION``/``PROCEDURE``, written back from its parsed node.

PL/pgSQL reads a body against the routine it belongs to: a ``RETURN`` with a value needs a
result type that is not ``void``, ``RETURN NEXT`` a set-returning function, a bare ``RETURN``
one with ``OUT`` parameters or none, and an assignment a declared name (a parameter, qualified
by the routine's name or not). A body kept without its routine is parsed again under this head,
so that it reads as it did where it was made.
"""

from __future__ import annotations

from ratchet.linter.postgres.parse import Node, strings

#: The words of a parameter's mode (an input parameter, with or without ``IN``, has none; nor has a
#: ``VARIADIC`` one: pglast's PL/pgSQL parser rejects any, and the body reads it as an input array)
_MODES = {"FUNC_PARAM_OUT": "OUT ", "FUNC_PARAM_INOUT": "INOUT "}


def routine_header(node: Node) -> str:
    """``CREATE FUNCTION name(parameters) RETURNS type`` (or ``CREATE PROCEDURE name(parameters)``)
    of the ``CreateFunctionStmt`` ``node``: its names, parameter modes and types as written (type
    modifiers, which a body's parse does not read, left out)."""
    name = ".".join(_quoted(part) for part in strings(node.get("funcname")))
    parameters: list[str] = []
    columns: list[str] = []  # RETURNS TABLE (...)
    for item in node.get("parameters") or ():
        parameter = item.get("FunctionParameter", {})
        mode = parameter.get("mode")
        named = f"{_quoted(parameter['name'])} " if parameter.get("name") else ""
        text = f"{_MODES.get(mode, '')}{named}{_type(parameter.get('argType') or {})}"
        (columns if mode == "FUNC_PARAM_TABLE" else parameters).append(text)
    head = f"({', '.join(parameters)})"
    if node.get("is_procedure"):
        return f"CREATE PROCEDURE {name}{head}"
    returns: Node | None = node.get("returnType")
    if columns:
        return f"CREATE FUNCTION {name}{head} RETURNS TABLE ({', '.join(columns)})"
    if returns is None:  # OUT parameters give the result
        return f"CREATE FUNCTION {name}{head}"
    return f"CREATE FUNCTION {name}{head} RETURNS {'SETOF ' if returns.get('setof') else ''}{_type(returns)}"


def _type(type_name: Node) -> str:
    """A ``TypeName`` as SQL: its quoted names, ``%TYPE``, and one ``[]`` a dimension."""
    written = ".".join(_quoted(part) for part in strings(type_name.get("names")))
    if type_name.get("pct_type"):
        written += "%TYPE"
    return written + "[]" * len(type_name.get("arrayBounds") or ())


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
