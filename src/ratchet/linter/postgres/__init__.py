"""The PostgreSQL lint: pglast parse trees, a catalog replayed from the earlier files, rules over nodes.

``lint_postgres`` is the engine's one entry point. The catalog before a file is the replay
of the earlier files of its directory; it is cached, so linting the files of a directory in
order parses each file once (not once per later file).
"""

from __future__ import annotations

import os
from collections import OrderedDict

from ratchet.discover import MigrationFile
from ratchet.errors import MigrationFileError
from ratchet.headers import parse_guards
from ratchet.linter.postgres.catalog import Catalog
from ratchet.linter.postgres.check import FileChecker, PgFinding
from ratchet.linter.postgres.parse import Offsets, Parsed
from ratchet.statement import Statement

#: PostgreSQL major version assumed when neither the configuration nor a server says.
DEFAULT_VERSION = 13


class _Replayed:
    """The catalog after the files ``files`` (then ``last``, if given) on top of ``seed``."""

    __slots__ = ("catalog", "files", "last", "seed")

    def __init__(
        self,
        files: list[MigrationFile],
        seed: str | Catalog | None,
        catalog: Catalog,
        last: MigrationFile | None = None,
    ) -> None:
        self.files = files
        self.seed = seed
        self.catalog = catalog
        self.last = last

    def count(self) -> int:
        """How many files were replayed."""
        return len(self.files) + (self.last is not None)

    def at(self, index: int) -> MigrationFile:
        """The replayed file at ``index``."""
        return self.files[index] if index < len(self.files) else self.last  # type: ignore[return-value]


#: The last replay of a few directories, keyed by directory.
_CACHE: OrderedDict[str, _Replayed] = OrderedDict()
_CACHE_SIZE = 4


def catalog_from_sql(sql: str) -> Catalog:
    """The catalog that ``sql`` (a schema dump, e.g. the ``lint-schema`` file) builds.

    Statements pglast rejects are skipped: the seed describes what exists, it is not linted.
    """
    return _replay_text(Catalog(), sql)


def _replay_text(catalog: Catalog, text: str) -> Catalog:
    """The catalog after ``text`` runs on ``catalog`` (which is left as it was)."""
    return FileChecker(text, [], catalog, transactional=False).run()


def _applies(file: MigrationFile) -> bool:
    """Whether the file runs on PostgreSQL (no ``-- guard: dialect`` that leaves it out)."""
    if "guard:" not in file.text:
        return True
    try:
        guards = parse_guards(file.path, file.text)
    except MigrationFileError:
        return False
    return not guards.dialects or "postgresql" in guards.dialects


def catalog_before(earlier: list[MigrationFile], seed: str | Catalog | None = None) -> Catalog:
    """The catalog after replaying ``earlier`` (the older files of one directory) on ``seed``
    (the SQL of the schema before the first file, or a catalog built from it)."""
    return _catalog_before(earlier, seed, _directory(earlier[-1]) if earlier else "")


def _catalog_before(earlier: list[MigrationFile], seed: str | Catalog | None, directory: str) -> Catalog:
    cached = _CACHE.get(directory)
    start = 0
    catalog: Catalog | None = None
    if cached is not None and cached.seed == seed and cached.count() <= len(earlier) and _same(cached, earlier):
        catalog, start = cached.catalog, cached.count()
    if catalog is None:
        catalog = _seeded(seed)
    for file in earlier[start:]:
        if _applies(file):
            catalog = _replay_text(catalog, file.text)
    if start < len(earlier):
        _remember(directory, _Replayed(earlier, seed, catalog))
    return catalog


def _seeded(seed: str | Catalog | None) -> Catalog:
    """The catalog before the first file: from the seed's SQL, the seed catalog itself, or empty."""
    if isinstance(seed, Catalog):
        return seed.copy()
    return catalog_from_sql(seed) if seed else Catalog()


def _same(cached: _Replayed, earlier: list[MigrationFile]) -> bool:
    """Whether the cached replay is of the first files of ``earlier``: the same read of the
    directory (the file before the last is the same object) and the same last file (the same
    normalised bytes; compared, not hashed: a lint computes no checksum)."""
    count = cached.count()
    if count == 0:
        return True
    if cached.at(count - 1).data != earlier[count - 1].data:
        return False
    if count == 1 or cached.at(count - 2) is earlier[count - 2]:
        return True
    return all(cached.at(i).data == earlier[i].data for i in range(count))


def _directory(file: MigrationFile) -> str:
    """The cache key of the file's directory (its path's directory part, without pathlib's objects)."""
    return os.path.dirname(file.path)


def _remember(directory: str, replayed: _Replayed) -> None:
    _CACHE[directory] = replayed
    _CACHE.move_to_end(directory)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)


#: What a directory's cached replay holds, as a forked worker takes it over: how many of the
#: directory's files it ran, on which seed, and the catalog they built.
ReplayState = tuple[int, "str | Catalog | None", Catalog]


def replay_state(files: list[MigrationFile]) -> ReplayState | None:
    """The cached replay of the first files of ``files`` (one directory's, in order), if any."""
    cached = _CACHE.get(_directory(files[0])) if files else None
    if cached is None:
        return None
    count = cached.count()
    if count > len(files) or not _same(cached, files):
        return None
    return count, cached.seed, cached.catalog


def adopt_replay(files: list[MigrationFile], state: ReplayState) -> None:
    """Cache ``state`` (from :func:`replay_state` in another process) as the replay of ``files``."""
    count, seed, catalog = state
    _remember(_directory(files[0]), _Replayed(files[:count], seed, catalog))


def lint_postgres(
    file: MigrationFile,
    statements: list[Statement],
    earlier: list[MigrationFile],
    *,
    transactional: bool,
    version: int | None = None,
    seed: str | Catalog | None = None,
    parsed: tuple[list[Parsed], Offsets] | None = None,
) -> list[PgFinding]:
    """The PostgreSQL findings of ``file`` (split into ``statements``) after the files ``earlier``.

    ``version`` is the PostgreSQL major version (default 13), ``seed`` the schema that existed
    before the first file (``lint-schema``): its SQL, or the catalog :func:`catalog_from_sql` made of it;
    ``parsed`` pglast's parse of the whole file, when the caller has it already.
    """
    directory = _directory(earlier[-1]) if earlier else ""
    before = _catalog_before(earlier, seed, directory)
    if not statements:
        return []
    checker = FileChecker(file.text, statements, before, transactional, version or DEFAULT_VERSION, parsed=parsed)
    after = checker.run()
    if earlier:
        _remember(directory, _Replayed(earlier, seed, after, last=file))
    return checker.findings


__all__ = [
    "DEFAULT_VERSION",
    "Catalog",
    "PgFinding",
    "ReplayState",
    "adopt_replay",
    "catalog_before",
    "catalog_from_sql",
    "lint_postgres",
    "replay_state",
]
