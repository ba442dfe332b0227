"""What the corpus tests share: a history's shape, writing its files, and measuring the lint's error
findings against the errors a reviewer expects in it (precision and recall)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ratchet.linter import lint_paths
from ratchet.linter.rules import ERROR

#: ``(rule, line)`` of each error finding a reviewer expects in a file.
Expected = set[tuple[str, int]]
#: A history's files in order: ``(name, sql, expected)``.
History = list[tuple[str, str, Expected]]
Found = set[tuple[str, str, str, int]]


def union(*parts: dict[str, History]) -> dict[str, History]:
    """The histories of every part by label; a label in two parts is an error (``|`` would keep only
    the last one's history, and silently skip the other)."""
    joined: dict[str, History] = {}
    for part in parts:
        repeated = sorted(joined.keys() & part.keys())
        if repeated:
            raise ValueError(f"history labels repeated: {', '.join(repeated)}")
        joined.update(part)
    return joined


def write_history(directory: Path, history: History) -> None:
    """The history's files in ``directory`` (made here)."""
    directory.mkdir(parents=True)
    for name, sql, _ in history:
        (directory / name).write_text(sql, encoding="utf-8")


@dataclass(frozen=True)
class Measured:
    """Error findings expected and found, ``(history, file, rule, line)`` each, over ``files`` files."""

    expected: Found
    found: Found
    files: int

    @property
    def precision(self) -> float:
        return len(self.expected & self.found) / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return len(self.expected & self.found) / len(self.expected) if self.expected else 1.0

    def summary(self, corpus: str) -> str:
        return (
            f"{corpus} corpus: {self.files} files, {len(self.expected)} expected errors, {len(self.found)} found; "
            f"precision {self.precision:.2f}, recall {self.recall:.2f}"
        )


def measure(work: Path, histories: dict[str, History], dialect: str, seeds: dict[str, str] | None = None) -> Measured:
    """Lint every history (each its own directory under ``work``) and gather the error findings;
    ``seeds`` holds the ``lint-schema`` text of a history that starts from a dump."""
    expected: Found = set()
    found: Found = set()
    for label, history in histories.items():
        directory = work / label
        write_history(directory, history)
        expected |= {(label, name, rule, line) for name, _, wanted in history for rule, line in wanted}
        report = lint_paths([directory], dialect=dialect, seed_sql=(seeds or {}).get(label))
        assert not report.problems
        found |= {(label, f.path.name, f.rule, f.line) for f in report.findings if f.severity == ERROR}
    return Measured(expected, found, sum(len(history) for history in histories.values()))
