"""Writers: atomic files, formula-safe CSV cells, record layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.analyze import SCHEMA, analyze
from framing.export import article_record, atomic_writer, csv_row
from framing.records import Article


def test_atomic_writer_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as handle:
            handle.write("partial")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_formula_cells_are_neutralised() -> None:
    analysis = analyze(Article(id="=cmd()", outlet="+evil", title="@x", text="Text here."))
    row = csv_row(analysis)
    assert row["id"] == "'=cmd()" and row["outlet"] == "'+evil" and row["title"] == "'@x"


def test_record_layout() -> None:
    record = article_record(analyze(Article(id="a", outlet="o", text="One sentence here.")))
    assert record["schema"] == SCHEMA
    assert record["event"] is None
    assert record["scores"]["words"] == 3
