"""Find migration files, check their names, read them as strict UTF-8 and checksum them."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from packaging.version import InvalidVersion, Version

from ratchet.errors import FileProblem, MigrationFileError, UsageError
from ratchet.lazyre import LazyPattern

FILE_NAME = re.compile(
    r"^(?P<version>(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*))"
    r"__(?P<description>[A-Za-z0-9_]+)\.sql$"
)
#: A repeatable file: ``R__description.sql``, applied again whenever it changes.
REPEATABLE_NAME = LazyPattern(r"^R__(?P<description>[A-Za-z0-9_]+)\.sql$")
NAME_HELP = (
    "rename it to MAJOR.MINOR.PATCH__description.sql, e.g. 1.2.0__add_user_email.sql "
    "(or R__description.sql for a repeatable file)"
)
_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode("utf-8")
_CHECKED_CHUNK = 1 << 20  # bytes validated at a time: a large file is never decoded whole to be checked
_READ_CHUNK = 1 << 20  # bytes read at a time after the first read, which asks for the whole file


class FileVersion(Version):
    """A version whose text is made once: ``str(version)`` names a file's history row, its claim, its
    lint replay and its output line, and packaging builds the text again on every call (callgrind:
    7,500 instructions each, seven times per applied file)."""

    __slots__ = ("_text",)

    def __str__(self) -> str:
        try:
            return self._text
        except AttributeError:
            self._text: str = super().__str__()
            return self._text


class MigrationFile:
    """One migration file, read and normalised (no BOM, LF line ends), held as its UTF-8 bytes:
    a large file is never one ``str`` unless something asks for :attr:`text` (one non-ASCII
    character makes the whole ``str`` up to 4 bytes per character).

    A plain class, not a dataclass: the lint makes one per file, and the decorator's generated
    methods cost millions of instructions at import (callgrind). The checksum is computed when first
    asked for (``None`` given): the lint never asks, and hashing is a tenth of reading a file."""

    __slots__ = ("_checksum", "_text", "data", "description", "path", "version")

    def __init__(
        self, version: Version, description: str, path: Path, data: bytes, checksum: str | None = None
    ) -> None:
        self.version = version
        self.description = description
        self.path = path
        self.data = data
        self._checksum = checksum
        self._text: str | None = None

    @property
    def checksum(self) -> str:
        """:func:`checksum` of the file's normalised bytes."""
        if self._checksum is None:
            self._checksum = checksum(self.data)
        return self._checksum

    def _fields(self) -> tuple[Version, str, Path, bytes, str]:
        return self.version, self.description, self.path, self.data, self.checksum

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MigrationFile) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"MigrationFile(version={self.version!r}, description={self.description!r}, path={self.path!r})"

    @property
    def text(self) -> str:
        """The normalised text (decoded on first use; ``data`` is valid UTF-8)."""
        if self._text is None:
            self._text = self.data.decode("utf-8")
        return self._text

    def shown_as(self, path: Path) -> MigrationFile:
        """The same file under another path (as a message shows it), sharing its decoded text."""
        other = MigrationFile(self.version, self.description, path, self.data, self._checksum)
        other._text = self._text
        return other

    def matches(self, recorded: str) -> bool:
        """Whether a history row's checksum is this file's: today's, or the one ratchet 0.1 recorded
        (before trailing white space was normalised), so an upgrade does not report drift."""
        return recorded == self.checksum or recorded == legacy_checksum(self.data)


def is_ignored(name: str) -> bool:
    """Whether a directory entry is not a migration candidate (dotfiles, backups, non-SQL)."""
    if name.startswith(".") or name.endswith("~") or name.endswith(".swp"):
        return True
    return not name.lower().endswith(".sql")


def normalise(raw: bytes, path: Path) -> str:
    """Decode strict UTF-8, strip a BOM and turn CRLF/CR into LF; raise with the byte offset."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(raw, path, exc.start) from None
    if text.startswith(_BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def normalise_bytes(raw: bytes, path: Path) -> bytes:
    """:func:`normalise`'s text as UTF-8 bytes, checked without decoding the whole file at once."""
    check_utf8(raw, path)
    if raw.startswith(_BOM_BYTES):
        raw = raw[len(_BOM_BYTES) :]
    if raw.find(b"\r") >= 0:  # in UTF-8 a 0x0d byte is always CR (find, not ``in``: see ratchet.guardword)
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return raw


def check_utf8(raw: bytes, path: Path) -> None:
    """Raise :class:`MigrationFileError` naming the first byte that is not strict UTF-8, with its
    line and column; decoded a chunk at a time, so a large file is never a whole ``str``."""
    if raw.isascii():
        return
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    view = memoryview(raw)
    try:
        for start in range(0, len(raw), _CHECKED_CHUNK):
            decoder.decode(view[start : start + _CHECKED_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        try:  # the whole decode only to name the offending byte (its offset, as before)
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _not_utf8(raw, path, exc.start) from None
        raise AssertionError("the incremental decoder refused what the decoder accepts") from None


def _not_utf8(raw: bytes, path: Path, offset: int) -> MigrationFileError:
    return MigrationFileError(
        [
            FileProblem(
                path,
                f"not valid UTF-8: byte 0x{raw[offset]:02x} at byte offset {offset}; save it as UTF-8",
                line=raw.count(b"\n", 0, offset) + 1,
                column=_column(raw, offset),
            )
        ]
    )


_TRAILING_BLANKS = LazyPattern(rb"[ \t]+(?=\n)")
_END_BLANKS = frozenset(b" \t\n")


def _column(raw: bytes, offset: int) -> int:
    """1-based column, in characters, of byte ``offset`` (the line before it is valid UTF-8)."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1


def checksum(text: str | bytes) -> str:
    """SHA-256 hex digest of the normalised text (or its UTF-8 bytes) without spaces and tabs at line
    ends and blank lines at the end of the file: what editors and end-of-file fixers change is not drift."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    # Two substring searches cost about as much as the hash; the regex runs only when one matches.
    if data.find(b" \n") >= 0 or data.find(b"\t\n") >= 0:
        data = _TRAILING_BLANKS.sub(b"", data)
    end = len(data)
    while end and data[end - 1] in _END_BLANKS:
        end -= 1
    return _sha256_hex(memoryview(data)[:end])  # a view: no copy of a large file


def legacy_checksum(text: str | bytes) -> str:
    """The checksum ratchet 0.1 recorded: SHA-256 of the text (or its UTF-8 bytes) with only BOM and
    CRLF normalised."""
    return _sha256_hex(text.encode("utf-8") if isinstance(text, str) else text)


def _sha256_hex(data: bytes | memoryview) -> str:
    """The SHA-256 hex digest of ``data``; hashlib is imported on first use (a lint hashes nothing, and the
    import, which builds every algorithm, is 5% of linting one file)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


# Names other tools use: Flyway's V2__x.sql / V1_2__x.sql, two-part 1.2__x.sql, zero-padded 001__x.sql.
_NEAR_NAME = LazyPattern(
    r"^(?:[Vv](?P<flyway>[0-9]+(?:[._][0-9]+){0,2})|(?P<plain>[0-9]+(?:\.[0-9]+){0,2}))_{1,2}(?P<description>.+)\.sql$"
)


def rename_advice(name: str) -> str:
    """How to fix a bad file name: the right name when one can be derived (``V2__init.sql`` ->
    ``2.0.0__init.sql``), else the general rule."""
    match = _NEAR_NAME.match(name)
    if match is not None:
        numbers = [str(int(part)) for part in re.split(r"[._]", match["flyway"] or match["plain"])]
        numbers += ["0"] * (3 - len(numbers))
        description = re.sub(r"[^A-Za-z0-9_]+", "_", match["description"]).strip("_")
        if description:
            return f"rename it to {'.'.join(numbers)}__{description}.sql (MAJOR.MINOR.PATCH__description.sql)"
    return NAME_HELP


def scan(
    directory: Path, repeatables: list[tuple[str, Path]] | None = None
) -> tuple[list[tuple[Version, str, Path]], list[FileProblem]]:
    """``(version, description, path)`` of every well-named migration file, sorted by
    version, and a problem for every misnamed, upper-case ``.SQL`` or duplicate file.

    Repeatable ``R__description.sql`` files are no problem: their ``(description, path)`` go
    to ``repeatables`` when it is given (in name order), and are passed over otherwise."""
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "does not exist"
        raise UsageError(
            f"migrations directory {directory} {what}",
            hint="create it, or name the right one: `migrations` in [tool.ratchet] or RATCHET_MIGRATIONS",
        )
    problems: list[FileProblem] = []
    found: dict[Version, Path] = {}
    entries: list[tuple[Version, str, Path]] = []
    # scandir knows most entries' types without a stat; sorted by name, which in one directory
    # is the order of the Paths, without pathlib's slow __lt__.
    try:
        with os.scandir(directory) as listing:
            candidates = sorted(
                (entry.name, _is_file(entry), entry.is_symlink()) for entry in listing if not is_ignored(entry.name)
            )
    except OSError as exc:
        raise UsageError(
            f"cannot list migrations directory {directory}: {exc.strerror}",
            hint="check its permissions",
        ) from None
    children = _children(directory)
    for name, is_file, is_symlink in candidates:
        if not is_file:
            continue
        path = children.get(name) or directory / name
        if is_symlink:
            outside = _symlink_outside(path, directory)
            if outside is not None:
                problems.append(FileProblem(path, outside, rule="file-invalid"))
                continue
        if not name.endswith(".sql"):
            problems.append(FileProblem(path, "upper-case extension; rename it to end in .sql", rule="file-name"))
            continue
        match = FILE_NAME.match(name)
        if match is None and name.startswith("R__") and (repeatable := REPEATABLE_NAME.match(name)):
            if repeatables is not None:
                repeatables.append((repeatable["description"], path))
            continue
        if match is None:
            problems.append(FileProblem(path, f"bad migration file name; {rename_advice(name)}", rule="file-name"))
            continue
        version = FileVersion(match["version"])
        if version in found:
            problems.append(
                FileProblem(
                    path,
                    f"duplicate version {version}: {found[version].name} has it too; give one of them a new version",
                    rule="duplicate-version",
                )
            )
            continue
        found[version] = path
        entries.append((version, match["description"], path))
    # Every version is MAJOR.MINOR.PATCH (FILE_NAME), so its release tuple orders it exactly
    # like Version does, with C tuple comparisons instead of Version.__lt__.
    entries.sort(key=lambda entry: entry[0].release)
    return entries, problems


def _children(directory: Path) -> dict[str, Path]:
    """The directory's entries as ``Path``s by name, from ``Path.iterdir``, which makes each one from
    the directory's parsed parts: ``directory / name`` parses the name first, 15K instructions a file
    (callgrind), most of what finding a thousand files costs. Empty if it cannot be listed (again)."""
    try:
        return {path.name: path for path in directory.iterdir()}
    except OSError:
        return {}


def scan_names(directory: Path) -> list[tuple[Version, str, Path]]:
    """Like :func:`scan`, but raise :class:`MigrationFileError` listing every bad name."""
    entries, problems = scan(directory)
    if problems:
        raise MigrationFileError(problems)
    return entries


def _symlink_outside(path: Path, directory: Path) -> str | None:
    """Why a symlinked migration file is refused (its target lies outside the migrations
    directory, so it could make ratchet print or run any file), or ``None`` when it stays inside."""
    target = os.path.realpath(path)
    root = os.path.realpath(directory)
    if os.path.commonpath([target, root]) == root:
        return None
    return (
        f"symlink to {target}, outside the migrations directory: a migration file must be a file in it; "
        "copy the file in instead of linking it"
    )


def _is_file(entry: os.DirEntry[str]) -> bool:
    """``Path.is_file`` of the entry (symlinks followed), mostly without a ``stat`` call."""
    try:
        return entry.is_file()
    except OSError:
        return Path(entry.path).is_file()


def load_file(version: Version, description: str, path: Path) -> MigrationFile:
    """Read one migration file; raise :class:`MigrationFileError` if it is unreadable or not UTF-8."""
    return MigrationFile(version, description, path, normalise_bytes(_read(path), path))


def read_sql(path: Path) -> str:
    """A migration file's normalised text; raise :class:`MigrationFileError` if it is unreadable or not UTF-8."""
    # A file without a statement is a valid no-op migration; the lint warns about it.
    return normalise(_read(path), path)


def _read(path: Path) -> bytes:
    # os.open and os.read, not Path.read_bytes: no file object and buffer per file (half the
    # instructions of reading a thousand small files, and fewer system calls).
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            chunks = [os.read(descriptor, os.fstat(descriptor).st_size + 1)]
            while chunks[-1]:  # until end of file: the size may have changed, or one read may return less
                chunks.append(os.read(descriptor, _READ_CHUNK))
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise MigrationFileError([FileProblem(path, f"cannot read: {exc.strerror}")]) from None
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)


def read_all(
    directory: Path, repeatables: list[tuple[str, Path]] | None = None
) -> tuple[list[MigrationFile], list[FileProblem]]:
    """Every readable migration file in version order, and every problem found on the way
    (``repeatables`` collects the names of the ``R__`` files, as in :func:`scan`)."""
    entries, problems = scan(directory, repeatables)
    files: list[MigrationFile] = []
    for version, description, path in entries:
        try:
            files.append(load_file(version, description, path))
        except MigrationFileError as exc:
            problems.extend(exc.problems)
    return files, problems


def parse_version(text: str, option: str) -> Version:
    """Parse a ``MAJOR.MINOR.PATCH`` argument or raise :class:`UsageError`."""
    try:
        version = Version(text)
    except InvalidVersion:
        raise UsageError(f"{option}: '{text}' is not a version like 1.2.0") from None
    if len(version.release) != 3 or version.pre or version.post or version.dev or version.local:
        raise UsageError(f"{option}: '{text}' is not a version like 1.2.0")
    return version
