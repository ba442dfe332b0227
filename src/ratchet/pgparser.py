"""pglast's parser, its C extension ``pglast.parser``, loaded without running ``pglast/__init__``.

``import pglast.parser`` first runs the package's ``__init__``, which builds every PostgreSQL enum
as a Python ``Enum`` and, through the extension, every node class of ``pglast.ast``: 156M
instructions (callgrind), more than the whole lint of a thousand generated files needs for its
own start. The lint calls only the extension's JSON parse and its scanner, which use neither.

So the extension is loaded under the package as a bare module (its ``__path__``, and the real
``pglast.error``), with the two modules the extension imports when it loads, ``pglast.ast`` and
``pglast.enums``, made lazy: each is the real module, run on its first use
(``importlib.util.LazyLoader``). The package then runs its own ``__init__`` in place the first time
anything asks it for a name it does not have yet (``import pglast; pglast.parse_sql(...)``), so a
later user of pglast in the same process gets the whole package, the same parser, the same
``pglast.Error`` and ``pglast.ast``. Anything unexpected on the way, and pglast is imported as usual.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

_PACKAGE = "pglast"
#: What the extension imports from its package when it loads.
_LAZY = ("ast", "enums")


def _load() -> ModuleType:
    """``pglast.parser``, without the package's ``__init__`` when pglast is not imported yet."""
    if _PACKAGE in sys.modules:
        return importlib.import_module(f"{_PACKAGE}.parser")
    before = set(sys.modules)
    try:
        return _load_alone()
    except Exception:  # a pglast laid out differently: the usual import decides
        for name in set(sys.modules) - before:
            if name == _PACKAGE or name.startswith(f"{_PACKAGE}."):
                del sys.modules[name]
        return importlib.import_module(f"{_PACKAGE}.parser")


def _load_alone() -> ModuleType:
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        raise ImportError(f"{_PACKAGE} is not an importable package")
    package = importlib.util.module_from_spec(spec)  # its ``__init__`` not run
    sys.modules[_PACKAGE] = package
    package.Error = importlib.import_module(f"{_PACKAGE}.error").Error  # type: ignore[attr-defined]
    for name in _LAZY:
        found = importlib.util.find_spec(f"{_PACKAGE}.{name}")
        if found is None or found.loader is None:
            raise ImportError(f"{_PACKAGE}.{name} not found")
        found.loader = importlib.util.LazyLoader(found.loader)
        module = importlib.util.module_from_spec(found)
        sys.modules[found.name] = module
        found.loader.exec_module(module)  # runs on first use
        setattr(package, name, module)
    parser = importlib.import_module(f"{_PACKAGE}.parser")
    package.__dict__["__getattr__"] = _Completion(package, spec)
    return parser


class _Completion:
    """The package's module ``__getattr__`` until its ``__init__`` has run: runs it in place, once."""

    def __init__(self, package: ModuleType, spec: Any) -> None:
        self.package = package
        self.spec = spec

    def __call__(self, name: str) -> Any:
        namespace = self.package.__dict__
        if namespace.get("__getattr__") is self:
            del namespace["__getattr__"]
            exec(self.spec.loader.get_code(_PACKAGE), namespace)
        try:
            return namespace[name]
        except KeyError:
            raise AttributeError(f"module {_PACKAGE!r} has no attribute {name!r}") from None


if TYPE_CHECKING:
    from pglast import parser as parser
else:
    parser = _load()
