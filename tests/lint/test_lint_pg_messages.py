"""PostgreSQL messages that must say what actually happens: a CHECK (c IS NOT NULL) added NOT VALID
does not fail on the existing NULLs (its VALIDATE does), but it still breaks writers of NULL."""

from __future__ import annotations

from pathlib import Path

from ratchet.linter import lint_paths


def test_not_valid_not_null_check_says_when_it_fails(tmp_path: Path) -> None:
    (tmp_path / "1.0.0__base.sql").write_text("CREATE TABLE t (id int PRIMARY KEY, region text, zone text);\n", "utf-8")
    (tmp_path / "1.1.0__check.sql").write_text(
        "ALTER TABLE t ADD CONSTRAINT t_region_nn CHECK (region IS NOT NULL) NOT VALID;\n", "utf-8"
    )
    (tmp_path / "1.2.0__check.sql").write_text(
        "ALTER TABLE t ADD CONSTRAINT t_zone_nn CHECK (zone IS NOT NULL);\n", "utf-8"
    )
    findings = lint_paths([tmp_path], dialect="postgresql").findings
    by_file = {f.path.name: f for f in findings if f.rule == "set-not-null"}
    not_valid, validated = by_file["1.1.0__check.sql"], by_file["1.2.0__check.sql"]
    assert (not_valid.line, not_valid.column) == (validated.line, validated.column) == (1, 15)
    assert "NOT VALID" in not_valid.message and "until VALIDATE" in not_valid.message
    assert "fails on existing NULLs" in validated.message and "VALIDATE" not in validated.message
