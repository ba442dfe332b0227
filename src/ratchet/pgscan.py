"""PostgreSQL's scanner tokens of a text as three plain lists, read straight from libpg_query.

pglast's ``parser.scan`` makes one ``Token`` object per token and converts both of its offsets
through a table of the text's UTF-8 widths that it builds a character at a time: about 5,000
instructions a token, a sixth of the lint of a history shaped like real ones (callgrind). The C
function it calls, ``pg_query_scan_tokens`` (in the same extension module), fills an array of four
ints per token (start, end, token, keyword kind). For an ASCII text, whose byte offsets are its
character offsets, that array is read here through ``ctypes`` as one slice of an int pointer (a
list made in C) and split into lists.

pglast's own scan stays the reference: it answers a text that is not ASCII, a text the scanner
rejects (its ``ParseError``), and every text when the C function cannot be reached or does not
answer a probe exactly as ``parser.scan`` does (another pglast whose structures differ).
``tests/lint/test_pgscan_differential.py`` compares the two over every corpus of the test suite.
"""

from __future__ import annotations

from typing import NamedTuple

from ratchet.pgparser import parser


class Tokens(NamedTuple):
    """The tokens of a text, in order: where each starts, where it ends (inclusive, as pglast's
    ``Token.end``), both 0-based character offsets, and its name (``SELECT``, ``ASCII_59``, ``SCONST``)."""

    starts: list[int]
    ends: list[int]
    names: list[str]


#: Holds every token and keyword-kind name; enough for the probe, small enough to read at a glance.
_PROBE = "SELECT 'a', $x$ b $x$ /* c */ FROM t; -- d\nALTER TABLE s.t ADD COLUMN e int;"


def scan(text: str) -> Tokens:
    """The scanner's tokens of ``text``; raises ``parser.ParseError`` as ``parser.scan`` does."""
    if _direct:
        try:
            found = _direct[0].tokens(text)
        except UnicodeEncodeError:  # a lone surrogate: pglast's scan reports it
            found = None
        if found is not None:
            return found
    return _through_pglast(text)


def _through_pglast(text: str) -> Tokens:
    tokens = parser.scan(text)
    return Tokens([t.start for t in tokens], [t.end for t in tokens], [t.name for t in tokens])


class _Direct:
    """``pg_query_scan_tokens`` called through ``ctypes``."""

    def __init__(self) -> None:
        import ctypes  # only here: 9M instructions, and only a PostgreSQL lint scans

        class Result(ctypes.Structure):
            # the tokens as a pointer to ints: a slice of it is a list of ints made in C
            _fields_ = [("tokens", ctypes.POINTER(ctypes.c_int)), ("count", ctypes.c_int), ("error", ctypes.c_void_p)]

        library = ctypes.CDLL(parser.__file__)
        self._scan = library.pg_query_scan_tokens
        self._scan.restype = Result
        self._scan.argtypes = [ctypes.c_char_p]
        self._free = library.pg_query_free_scan_tokens_result
        self._free.restype = None
        self._free.argtypes = [Result]
        self._token_name = library.pg_query_token_name
        self._token_name.restype = ctypes.c_char_p
        self._token_name.argtypes = [ctypes.c_int]
        self._names: dict[int, str] = {}

    def tokens(self, text: str) -> Tokens | None:
        """The tokens of ``text``; ``None`` when the scanner reports an error."""
        data = text.encode("utf-8")
        result = self._scan(data)
        try:
            if result.error:
                return None
            count = result.count
            ints: list[int] = result.tokens[: 4 * count] if count else []
        finally:
            self._free(result)
        numbers = ints[2::4]
        try:
            names = list(map(self._names.__getitem__, numbers))
        except KeyError:  # a token number not seen before: its name is asked for once
            names = list(map(self._name, numbers))
        starts, stops = ints[0::4], ints[1::4]
        if len(data) != len(text):  # byte offsets: made character offsets
            starts, stops = _character_offsets(data, starts, stops)
        return Tokens(starts, [stop - 1 for stop in stops], names)

    def _name(self, number: int) -> str:
        known = self._names.get(number)
        if known is None:
            name = self._token_name(number)
            known = self._names[number] = name.decode("ascii") if name is not None else "UNKNOWN"
        return known


#: UTF-8 continuation bytes (``10xxxxxx``) as 1, every other byte as 0.
_CONTINUATION = bytes(1 if 0x80 <= byte < 0xC0 else 0 for byte in range(256))


def _character_offsets(data: bytes, starts: list[int], stops: list[int]) -> tuple[list[int], list[int]]:
    """Byte offsets into the UTF-8 ``data`` (in order: each token's start, then its end) as
    character offsets: a byte offset less the continuation bytes before it, counted once over the
    text (pglast's own translation goes a character at a time for every token: quadratic)."""
    marks = data.translate(_CONTINUATION)
    count = marks.count
    characters_starts: list[int] = []
    characters_stops: list[int] = []
    position = skipped = 0
    for start, stop in zip(starts, stops, strict=True):
        skipped += count(1, position, start)
        characters_starts.append(start - skipped)
        skipped += count(1, start, stop)
        characters_stops.append(stop - skipped)
        position = stop
    return characters_starts, characters_stops


def _connect() -> list[_Direct]:
    """The direct scan, when it can be reached and answers the probe as ``parser.scan`` does."""
    try:
        direct = _Direct()
        if direct.tokens(_PROBE) == _through_pglast(_PROBE):
            return [direct]
    except Exception:  # a pglast built differently: its own scan answers
        pass
    return []


_direct = _connect()
