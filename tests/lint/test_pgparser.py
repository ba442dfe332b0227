"""``ratchet.pgparser`` loads pglast's parser without the package's enums and node classes, and a
later ``import pglast`` in the same process still gets the whole package, sharing that parser.
Each case runs in a fresh process, where pglast is not imported yet."""

from __future__ import annotations

import subprocess
import sys

import pytest

LOAD_THEN_USE_PGLAST = """
import sys
from ratchet.pgparser import parser
assert "pglast.enums.nodes" not in sys.modules and "decimal" not in sys.modules, sorted(sys.modules)
assert '"SelectStmt"' in parser.parse_sql_json("select 1")
try:
    parser.parse_sql_json("selec 1")
except parser.ParseError as error:
    assert error.args[1] == 0
import pglast
import pglast.ast
import pglast.parser
from pglast import enums, parse_sql, prettify
assert pglast.parser is parser
assert isinstance(parse_sql("select 1")[0], pglast.ast.RawStmt)
assert issubclass(parser.ParseError, pglast.Error)
try:
    pglast.parse_sql("selec 1")
except pglast.Error as error:
    assert "selec" in str(error)
assert prettify("select a,b from t") == "SELECT a\\n     , b\\nFROM t"
assert enums.SetOperation.SETOP_NONE == 0
print("ok")
"""

PGLAST_FIRST = """
import pglast.parser
from ratchet.pgparser import parser
assert parser is pglast.parser
print("ok")
"""

# A pglast whose extension needs a module that is not there: the usual import takes over, cleanly.
UNEXPECTED_LAYOUT = """
import importlib.util, sys
spec = importlib.util.find_spec("ratchet.pgparser")
source = spec.loader.get_source("ratchet.pgparser")
assert '_LAZY = ("ast", "enums")' in source
source = source.replace('_LAZY = ("ast", "enums")', '_LAZY = ("ast", "enums", "gone")')
module = importlib.util.module_from_spec(spec)
exec(compile(source, spec.origin, "exec"), module.__dict__)
import pglast
assert module.parser is pglast.parser
assert isinstance(pglast.parse_sql("select 1")[0], pglast.ast.RawStmt)
assert "pglast.gone" not in sys.modules
print("ok")
"""


@pytest.mark.parametrize("probe", [LOAD_THEN_USE_PGLAST, PGLAST_FIRST, UNEXPECTED_LAYOUT])
def test_pglast_stays_whole(probe: str) -> None:
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.strip() == "ok", done.stderr
