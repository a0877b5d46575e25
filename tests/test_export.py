"""Writers: atomic files, formula-safe CSV cells, record layout."""

from __future__ import annotations

import os
import stat
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


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_atomic_writer_gives_plain_file_permissions(tmp_path: Path) -> None:
    """Not mkstemp's private 0600: a new file gets 0666 less the umask; a replaced file
    keeps its own mode."""
    old_mask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.csv"
        with atomic_writer(fresh) as handle:
            handle.write("x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.csv"
        shared.write_text("old", encoding="utf-8")
        shared.chmod(0o664)
        with atomic_writer(shared) as handle:
            handle.write("new")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    finally:
        os.umask(old_mask)


def test_formula_cells_are_neutralised() -> None:
    analysis = analyze(Article(id="=cmd()", outlet="+evil", title="@x", text="Text here."))
    row = csv_row(analysis)
    assert row["id"] == "'=cmd()" and row["outlet"] == "'+evil" and row["title"] == "'@x"


def test_record_layout() -> None:
    record = article_record(analyze(Article(id="a", outlet="o", text="One sentence here.")))
    assert record["schema"] == SCHEMA
    assert record["event"] is None
    assert record["scores"]["words"] == 3
