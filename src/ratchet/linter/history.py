"""The schema history of one directory for the lint: guard headers parsed once, the ``lint-schema``
seed, and (SQLite) one replay that advances file by file while the files are linted in order.

The replay module (``sqlite3`` and the SQLite machinery) is loaded only when a SQLite file needs
it: PostgreSQL and MySQL runs keep their start-up free of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from packaging.version import Version

from ratchet.discover import MigrationFile
from ratchet.headers import Guards, read_guards
from ratchet.lazyre import LazyPattern

if TYPE_CHECKING:
    from ratchet.linter.mysql_columns import Columns
    from ratchet.linter.replay import FileReplay, Replay
    from ratchet.statement import Statement

Headers = dict[Version, Guards | None]

# Every name-like word, case-folded. ASCII only: a name with other letters in it yields its ASCII
# parts, which only counts more mentions of those (no table is taken for unnamed by mistake).
_WORD = LazyPattern(r"[a-z_][a-z0-9_$]*")


#: Above this many characters of SQL the words are not looked up (and no table is lonely): a big
#: data file would cost more to read word by word than its few tables cost to keep.
_COUNTED_CHARACTERS = 2_000_000
_VIRTUAL = LazyPattern(r"(?<![\w$])virtual(?![\w$])", re.IGNORECASE)
_SEED = "lint-schema"  # where the seed's words are at home
_MANY = ""  # a word at home in more than one text


class History:
    """The schema history of one directory for the lint: guard headers parsed once, and one
    SQLite replay that advances file by file while the files are linted in order."""

    def __init__(self, seed_sql: str | None = None, files: Iterable[MigrationFile] | None = None) -> None:
        """``files``: every file the replay may run (the directory's). Given them, a table that no
        other text than its own file names is gone after that file
        (:class:`~ratchet.linter.replay.Replay`'s ``lonely``)."""
        self.headers: Headers = {}
        self.seed_sql = seed_sql
        self._replay: Replay | None = None
        self._done: list[Version] = []
        self._columns: Columns | None = None
        self._columns_done: list[Version] = []
        self._files = None if files is None else list(files)
        self._counted: list[dict[str, str] | None] = []  # _texts(), once worked out
        self._homes: dict[str, str] | None = None  # each word: the one text naming it, or _MANY
        self._current = _SEED  # the text being replayed

    def _texts(self) -> dict[str, str] | None:
        """The texts whose words decide which tables are lonely, by version (``None``: none is), worked
        out for the first replay (only a SQLite lint replays: the PostgreSQL and MySQL ones never pay it)."""
        if not self._counted:
            listed = self._files or []
            texts = None
            # sized from the bytes first: a directory with a large data file is never decoded whole here
            if (
                self._files is not None
                and len(self.seed_sql or "") + sum(len(f.data) for f in listed) <= _COUNTED_CHARACTERS
            ):
                texts = {_SEED: self.seed_sql or "", **{str(file.version): file.text for file in listed}}
                # a virtual table makes shadow tables that no statement names: no table is lonely there
                if any("virtual" in text.lower() and _VIRTUAL.search(text) for text in texts.values()):
                    texts = None
            self._counted.append(texts)
        return self._counted[0]

    def _lonely(self, name: str) -> bool:
        """Whether no text but the one being replayed names ``name``."""
        if self._homes is None:
            texts = self._texts()
            assert texts is not None
            homes: dict[str, str] = {}
            for key, text in texts.items():
                for word in set(_WORD.findall(text.lower())):
                    homes[word] = key if homes.get(word, key) == key else _MANY
            self._homes = homes
        return self._homes.get(name) == self._current

    def guards(self, file: MigrationFile) -> Guards | None:
        """The file's guards (bad header lines dropped), parsed once per run."""
        if file.version not in self.headers:
            self.headers[file.version] = read_guards(file.path, file.data)[0]
        return self.headers[file.version]

    def _at(self, earlier: list[MigrationFile]) -> Replay:
        """A replay that has run the seed and exactly ``earlier``."""
        from ratchet.linter.replay import Replay, applies

        done = len(self._done)
        reusable = done <= len(earlier) and (done == 0 or earlier[done - 1].version == self._done[-1])
        if self._replay is None or not reusable:
            if self._replay is not None:
                self._replay.close()
            self._replay = Replay(None if self._texts() is None else self._lonely)
            self._done = []
            if self.seed_sql is not None:
                self._current = _SEED
                self._replay.replay_text("lint-schema", self.seed_sql)
        for file in earlier[len(self._done) :]:
            if applies(self.guards(file)):
                self._current = str(file.version)
                self._replay.replay_text(file.path.name, file.text)
            self._done.append(file.version)
        return self._replay

    def sqlite_table_may_exist(self, earlier: list[MigrationFile]) -> Callable[[str], bool]:
        """Whether a table may exist after ``earlier``: the replay has it (or knows it is there,
        outside its catalog), or cannot know, because an earlier statement could not be replayed."""
        replay = self._at(earlier)
        tables, outside = replay.catalog(), frozenset(replay.outside)
        if not replay.complete:
            return lambda name: True
        return lambda name: tables.has_table(name) or name.lower() in outside

    def replay_file(
        self,
        file: MigrationFile,
        statements: list[Statement],
        earlier: list[MigrationFile],
        snapshot_before: dict[int, list[str]],
        snapshot_after: list[str],
    ) -> FileReplay:
        """Replay ``earlier`` (reusing the previous file's replay), then ``file`` statement by statement."""
        from ratchet.linter.replay import replay_file

        replay = self._at(earlier)
        self._current = str(file.version)
        result = replay_file(replay, file, statements, snapshot_before, snapshot_after)
        self._done.append(file.version)
        return result

    def mysql_columns(self, earlier: list[MigrationFile]) -> Columns:
        """The MySQL column model after the seed and exactly ``earlier`` (the history's own: copy it
        before changing it); advanced file by file while the files of a directory are linted in order."""
        from ratchet.linter.mysql_columns import Columns
        from ratchet.split import not_in_runs, split_data, split_statements

        done = self._columns_done
        reusable = len(done) <= len(earlier) and (not done or earlier[len(done) - 1].version == done[-1])
        if self._columns is None or not reusable:
            self._columns, done = Columns(), []
            self._columns_done = done
            if self.seed_sql is not None:
                self._columns.apply_all(split_statements(self.seed_sql, executable_comments=True))
        for file in earlier[len(done) :]:
            guards = self.guards(file)
            if guards is None or guards.applies_to("mysql"):
                self._columns.apply_all(
                    not_in_runs(split_data(file.data, executable_comments=True))
                )  # runs of INSERT lines change no column
            done.append(file.version)
        return self._columns

    def mysql_columns_linted(self, earlier: list[MigrationFile], file: MigrationFile, after: Columns) -> None:
        """Keep ``after``, the model once ``file`` (linted after exactly ``earlier``) ran, so the
        next file of the directory starts from it instead of splitting ``file`` again."""
        done = self._columns_done
        if len(done) == len(earlier) and (not done or earlier[-1].version == done[-1]):
            self._columns = after
            done.append(file.version)

    def mentioned(self, name: str, earlier: list[MigrationFile]) -> bool:
        """Whether the seed or an earlier file names ``name`` at all: an object that none of them
        names cannot have been created by them (the word path's proof that an object is new)."""
        pattern = re.compile(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])", re.IGNORECASE)
        texts = [self.seed_sql or "", *(file.text for file in earlier)]
        return any(pattern.search(text) for text in texts)

    def close(self) -> None:
        """Release the replay database."""
        if self._replay is not None:
            self._replay.close()
            self._replay = None
