"""The catalog replay that ``catalog_before`` keeps between calls is used only for the same files:
a file rewritten between two lints in one process is replayed again, one read again unchanged is not."""

from __future__ import annotations

from pathlib import Path

from ratchet.discover import MigrationFile, read_all
from ratchet.linter.postgres import catalog_before


def _files(directory: Path, second: str) -> list[MigrationFile]:
    (directory / "1.0.0__orders.sql").write_text("CREATE TABLE orders (id bigint PRIMARY KEY);\n", encoding="utf-8")
    (directory / "1.1.0__more.sql").write_text(second, encoding="utf-8")
    (directory / "1.2.0__last.sql").write_text("SELECT 1;\n", encoding="utf-8")
    files, problems = read_all(directory)
    assert problems == []
    return files


def test_a_rewritten_file_is_replayed_again(tmp_path: Path) -> None:
    first = _files(tmp_path, "ALTER TABLE orders ADD COLUMN placed_at timestamptz;\n")
    assert "placed_at" in catalog_before(first[:2]).relations["public.orders"].columns
    second = _files(tmp_path, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n")
    columns = catalog_before(second[:2]).relations["public.orders"].columns
    assert "shipped_at" in columns
    assert "placed_at" not in columns


def test_a_file_read_again_unchanged_reuses_the_replay(tmp_path: Path) -> None:
    first = _files(tmp_path, "ALTER TABLE orders ADD COLUMN placed_at timestamptz;\n")
    before = catalog_before(first[:2])
    again = _files(tmp_path, "ALTER TABLE orders ADD COLUMN placed_at timestamptz;\n")
    assert catalog_before(again[:2]) is before
