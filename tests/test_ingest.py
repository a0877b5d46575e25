"""Ingestion: folders, manifests, records, encodings, and every kind of bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from framing.config import Config
from framing.ingest import IngestReport, InputError, decode_bytes, iter_articles, split_metadata_prefix


def load(*paths: Path, config: Config | None = None) -> tuple[list, IngestReport]:
    report = IngestReport()
    articles = list(iter_articles(list(paths), config or Config(), report))
    return articles, report


def reasons(report: IngestReport) -> list[str]:
    return [s.reason for s in report.skipped]


def test_seeds_with_manifest(seeds_dir: Path) -> None:
    articles, report = load(seeds_dir)
    assert report.skipped == []
    assert [a.id[:3] for a in articles] == ["000", "001", "002", "003", "004"]
    by_id = {a.id[:3]: a for a in articles}
    assert by_id["001"].outlet == "RFE/RL"
    assert by_id["003"].outlet == "Press TV"
    assert by_id["001"].date == "2022-04-26" and by_id["004"].date == "2022-04-25"
    # the leading " date 2022-04-26 " metadata is removed from the text
    assert by_id["001"].text.startswith("UN Secretary-General Antonio Guterres")
    assert by_id["004"].text.startswith("The Ukrainian government proposed")
    assert "uncertain" in by_id["000"].outlet


def test_seed_files_are_byte_identical_to_shared(seeds_dir: Path) -> None:
    shared = seeds_dir.parents[1] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip(f"{shared} not present")
    for original in sorted(shared.glob("*.txt")):
        assert (seeds_dir / original.name).read_bytes() == original.read_bytes()


def test_metadata_prefix() -> None:
    assert split_metadata_prefix(" date 2022-04-26 UN chief") == ("UN chief", "2022-04-26")
    assert split_metadata_prefix("date: 2021-01-02\nBody") == ("Body", "2021-01-02")
    assert split_metadata_prefix("The date 2022-04-26 was") == ("The date 2022-04-26 was", None)


def test_subfolder_per_outlet_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "Press TV").mkdir()
    (tmp_path / "Press TV" / "a.txt").write_text("Story one.", encoding="utf-8")
    (tmp_path / "RT").mkdir()
    (tmp_path / "RT" / "a.txt").write_text("Same file name, other outlet.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Story two.", encoding="utf-8")
    articles, report = load(tmp_path)
    # ids are paths relative to the folder given, so equal file names do not collide
    assert {(a.id, a.outlet) for a in articles} == {
        ("Press TV/a", "Press TV"), ("RT/a", "RT"), ("b", "unknown")
    }
    assert report.skipped == []


def test_manifest_row_naming_missing_file_is_listed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,X\nghost.txt,Y\n", encoding="utf-8")
    articles, report = load(tmp_path)
    assert [a.outlet for a in articles] == ["X"]
    assert any("missing file 'ghost.txt'" in r for r in reasons(report))


def test_single_file_takes_its_row_of_the_manifest_beside_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,date\na.txt,X,2022-04-26\nghost.txt,Y,\n", encoding="utf-8"
    )
    articles, report = load(tmp_path / "a.txt")
    assert [(a.id, a.outlet, a.date) for a in articles] == [("a", "X", "2022-04-26")]
    assert report.skipped == []  # the other rows' problems belong to a run over the folder
    articles, _ = load(tmp_path / "b.txt")
    assert [a.outlet for a in articles] == ["unknown"]  # no row for it


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Kyiv “quoted” café".encode("utf-8"), "Kyiv “quoted” café"),
        (b"\xef\xbb\xbf" + "BOM café".encode("utf-8"), "BOM café"),
        ("UTF-16 café “x”".encode("utf-16"), "UTF-16 café “x”"),
        ("no BOM UTF-16 text here".encode("utf-16-le"), "no BOM UTF-16 text here"),
        (
            "The minister said “we will not retreat” — the café in Zürich was closed.".encode("cp1252"),
            "The minister said “we will not retreat” — the café in Zürich was closed.",
        ),
        (
            "Le ministre a déclaré que la réunion était très importante pour l'été.".encode("latin-1"),
            "Le ministre a déclaré que la réunion était très importante pour l'été.",
        ),
    ],
)
def test_encodings(data: bytes, expected: str) -> None:
    text, _ = decode_bytes(data)
    assert text is not None and text.lstrip("\ufeff") == expected


def test_bad_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "empty.txt").write_text("   \n\t ", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["ok"]
    text = " | ".join(str(s) for s in report.skipped)
    assert "binary" in text and "whitespace-only" in text and "unsupported file type .png" in text


def test_jsonl_records_fields_and_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "1", "content": "Body one.", "media_name": "Outlet A", "publish_date": "2022-01-01", "title": "T"}),
        "{not json",
        json.dumps({"id": "2", "body": "   "}),
        json.dumps({"id": "3", "headline": "no text at all"}),
        json.dumps({"id": "1", "text": "Duplicate id."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id; gets file:line.", "source": {"name": "Nested"}}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, report = load(path)
    assert [(a.id, a.outlet) for a in articles] == [("1", "Outlet A"), ("a.jsonl:7", "Nested")]
    assert articles[0].date == "2022-01-01" and articles[0].title == "T"
    why = reasons(report)
    assert any("malformed JSON on line 2" in r for r in why)
    assert any("whitespace-only" in r for r in why)
    assert any("no text (looked for fields text|content|body)" in r for r in why)
    assert any("duplicate id '1'" in r for r in why)
    assert any("line 6 is not a JSON object" in r for r in why)


def test_field_overrides_and_gzip(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "story": "Gz text.", "site": "S"}) + "\n")
    articles, report = load(path, config=Config(text_field="story", outlet_field="site"))
    assert [(a.id, a.text, a.outlet) for a in articles] == [("g1", "Gz text.", "S")]


def test_csv_records(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('id,text,outlet\n1,"Multi\nline, text.",A\n2,,B\n', encoding="utf-8")
    articles, report = load(path)
    assert [(a.id, a.text) for a in articles] == [("1", "Multi\nline, text.")]
    assert any("no text" in r for r in reasons(report))


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, 5]), encoding="utf-8")
    articles, report = load(path)
    assert [a.id for a in articles] == ["a"]
    assert any("not a JSON object" in r for r in reasons(report))


def test_crlf_is_normalised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Line one.\r\nLine two.\r\n")
    articles, _ = load(tmp_path)
    assert articles[0].text == "Line one.\nLine two.\n"


def test_missing_path_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        load(tmp_path / "nope")


def test_corrupt_gzip_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    articles, report = load(path)
    assert articles == [] and len(report.skipped) == 1


def test_visible_text_only_read_gives_the_full_reads_outlets_texts_and_skips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus pre-pass reads HTML without the main-text extractor (most of an HTML
    page's reading time): outlet, text, ids and skips must still be the full read's."""
    page = (
        "<html><head><title>T</title><meta property='og:site_name' content='Daily Example'></head>"
        "<body><nav>Home</nav><p>{}</p><footer>All rights reserved.</footer></body></html>"
    )
    body = "A paragraph of news long enough to be the main text of the page, number {}."
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text(page.format(body.format(1)), encoding="utf-8")  # outlet: folder
    (tmp_path / "b.html").write_text(page.format(body.format(2)), encoding="utf-8")  # outlet: manifest
    (tmp_path / "c.html").write_text(page.format(body.format(3)), encoding="utf-8")  # outlet: sitename
    (tmp_path / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")  # skipped
    (tmp_path / "manifest.csv").write_text("file,outlet\nb.html,Manifest Outlet\n", encoding="utf-8")
    records = [{"id": "r1", "html": page.format(body.format(4))}, {"id": "r2", "html": page.format(body.format(5)), "outlet": "Rec"}]
    (tmp_path / "pages.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")

    full_report, light_report = IngestReport(), IngestReport()
    full = list(iter_articles([tmp_path], Config(), full_report))

    def refuse(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("the main-text extractor ran")

    monkeypatch.setattr("framing.html._extracted_lines", refuse)
    light = list(iter_articles([tmp_path], Config(), light_report, visible_text_only=True))
    assert [(a.id, a.outlet, a.text) for a in light] == [(a.id, a.outlet, a.text) for a in full]
    assert {a.outlet for a in full} == {"site", "Manifest Outlet", "Daily Example", "Rec"}
    assert len(full) == 5 and all(a.html_content for a in full)
    assert reasons(light_report) == reasons(full_report) == ["HTML page without visible text"]
