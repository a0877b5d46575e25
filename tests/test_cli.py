"""The command line end to end: help, errors, exit codes, output formats, widths."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import cli, main
from framing.render import _signed, _wrap_header

COMMANDS = ["analyze", "compare", "inspect"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "--quiet" in result.output


def test_group_help_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_compare_by_outlet_is_the_default(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["compare", "--by", "outlet"]).output == runner.invoke(cli, ["compare"]).output


def test_compare_defaults_to_seeds(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["compare"])
    assert result.exit_code == 0, result.output
    assert "bundled seeds" in result.output
    assert "5 articles" in result.output and "0 skipped" in result.output
    for outlet in ("RFE/RL", "Press TV"):
        assert outlet in result.output
    assert "\x1b[" not in result.output  # no colour when not a terminal


def test_compare_fits_80_columns_with_ten_outlets(runner: CliRunner, tmp_path: Path) -> None:
    for number in range(10):
        folder = tmp_path / f"Outlet number {number} with a long name"
        folder.mkdir()
        (folder / "a.txt").write_text(f"Story {number} is here. It has two sentences.", encoding="utf-8")
    result = runner.invoke(cli, ["compare", str(tmp_path), "--width", "80"])
    assert result.exit_code == 0, result.output
    assert "10 outlets" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    for number in range(10):
        assert f"{number}" in result.output


def test_compare_csv_export(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "cmp.csv"
    result = runner.invoke(cli, ["compare", "--csv", str(out), "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["outlet"] for r in rows} >= {"RFE/RL", "Press TV"}
    assert {"outlet", "articles", "metric", "value"} == set(rows[0])


def test_analyze_jsonl_and_csv(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(seeds_dir), "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 5
    first = records[0]
    for key in ("schema", "id", "outlet", "title", "date", "event", "text_length", "scores"):
        assert key in first
    out = tmp_path / "scores.csv"
    result = runner.invoke(cli, ["analyze", str(seeds_dir), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 5
    # the JSONL scores keys are exactly the CSV score columns
    assert list(rows[0])[6:] == list(first["scores"])


def test_missing_path_is_one_line_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["analyze", "/no/such/path"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_folder_without_articles_is_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    result = runner.invoke(cli, ["compare", str(tmp_path)])
    assert result.exit_code == 2
    assert "no articles found" in result.output


def test_skips_listed_and_strict_fails(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("A real sentence here.", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\n{broken\n', encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(tmp_path)])
    assert result.exit_code == 0
    assert "malformed JSON on line 2" in result.output
    log = tmp_path / "skips.tsv"
    result = runner.invoke(cli, ["analyze", str(tmp_path), "--strict", "--skip-log", str(log)])
    assert result.exit_code == 1
    assert "could not be read (--strict: exit status 1)" in result.output
    assert "line 2" in log.read_text(encoding="utf-8")


def test_console_entry_point_keeps_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`main()` (the installed `framing` script) runs click outside standalone mode, where
    click returns a raised Exit's code instead of exiting: --strict must still exit 1."""
    (tmp_path / "ok.txt").write_text("A real sentence here.", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\n{broken\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(SystemExit) as exited:
        main(["analyze", str(tmp_path / "ok.txt"), "-q", "-o", str(out)])
    assert exited.value.code == 0
    with pytest.raises(SystemExit) as exited:
        main(["analyze", str(tmp_path), "--strict", "-o", str(out)])
    assert exited.value.code == 1
    assert "malformed JSON on line 2" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["analyze", str(tmp_path / "missing")])
    assert exited.value.code == 2


@pytest.mark.parametrize("option", [["analyze", "-o"], ["compare", "--csv"], ["compare", "--terms"], ["analyze", "--skip-log"]])
def test_output_in_missing_folder_is_one_line_error(runner: CliRunner, tmp_path: Path, seeds_dir: Path, option: list[str]) -> None:
    target = tmp_path / "no-such-folder" / "out.csv"
    result = runner.invoke(cli, [option[0], str(seeds_dir), option[1], str(target), "-q"])
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output
    assert not target.parent.exists()


def test_output_write_failure_is_one_line_error(runner: CliRunner, tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that vanishes (or a full disk) after the arguments were checked."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = runner.invoke(cli, ["compare", str(seeds_dir), "--csv", str(tmp_path / "c.csv"), "-q"])
    assert result.exit_code == 2
    assert "cannot write" in result.output and "Permission denied" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["compare"], ["inspect", "001"], ["analyze", "seeds"]])
def test_closed_pipe_ends_quietly(command: list[str]) -> None:
    """`framing compare | head -1`: status 0 and nothing on stderr (rich alone exits 1)."""
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-m", "framing", *command], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0, err
    assert err == b""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_interrupt_exits_130_and_writes_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    text = (seeds_dir / "001_05692198d123f811.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("".join(json.dumps({"id": str(i), "text": text}) + "\n" for i in range(3000)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-m", "framing", "analyze", str(corpus), "-o", str(out), "-q"],
                            cwd=root, stderr=subprocess.PIPE)
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]


def test_inspect_by_prefix_and_file(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(cli, ["inspect", "003"])
    assert result.exit_code == 0, result.output
    assert "Press TV" in result.output and "[1]" in result.output
    result = runner.invoke(cli, ["inspect", str(seeds_dir / "001_05692198d123f811.txt")])
    assert result.exit_code == 0
    assert "001_05692198d123f811" in result.output
    assert "RFE/RL" in result.output  # the outlet from seeds/manifest.csv, as by id


def test_inspect_unknown_id(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["inspect", "zzz"])
    assert result.exit_code == 2
    assert "no article with id 'zzz'" in result.output


def test_python_dash_m(seeds_dir: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "framing", "analyze", str(seeds_dir), "--format", "csv", "-q"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 5


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "seeds", "--features", "bogus"],
        ["nope"],
        ["analyze"],
        ["compare", "--width", "5"],
        ["compare", "--by", "event"],
    ],
)
def test_usage_errors_are_one_line(args: list[str]) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "framing", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("framing: error:"), result.stderr


def test_features_switch_off_families(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(seeds_dir), "-q", "--features", "boilerplate"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.splitlines()[0])
    assert "boilerplate_ratio" in record["scores"]
    assert "quotes_per_1k" not in record["scores"] and record["quotes"] == []


def test_malformed_actor_pack_is_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "bad.toml"
    pack.write_text('[actors.X]\npeeple = ["a"]\n', encoding="utf-8")
    result = runner.invoke(cli, ["compare", "--actors", str(pack)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "bad.toml:1" in result.output and "peeple" in result.output


def test_user_actor_pack_adds_an_actor(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "extra.toml"
    pack.write_text('[actors.Atlantis]\nnames = ["Atlantis"]\n', encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Atlantis rejected the offer. Atlantis said no. Atlantis left the talks.", encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(story), "--actors", str(pack), "-q"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["scores"]["mentions_atlantis"] == 3
    shown = runner.invoke(cli, ["actors", "show", "--actors", str(pack)])
    assert "Atlantis" in shown.output


def test_compare_exports_distinctive_terms(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "terms.csv"
    result = runner.invoke(cli, ["compare", "-q", "--terms", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and set(rows[0]) == {"outlet", "rank", "term", "z", "log_odds", "count_outlet", "count_rest"}
    press_tv = [r["term"] for r in rows if r["outlet"] == "Press TV"]
    assert "kiev" in press_tv  # Press TV writes Kiev; the other seeds mostly Kyiv


def test_outlet_headers_break_between_words_only() -> None:
    assert _wrap_header("Washington Post", 9) == "Washingt…\nPost"
    assert _wrap_header("Spanish-language outlet", 10) == "Spanish-\nlanguage\noutlet"
    assert _wrap_header("New York Times - News", 9) == "New York\nTimes -\nNews"
    for name in ("Christian Science Monitor", "Guest Writer - Right", "x" * 30, ""):
        assert all(len(line) <= 9 for line in _wrap_header(name, 9).split("\n"))


def test_signed_figures_fit_a_narrow_column() -> None:
    assert [_signed(v) for v in (0.35, -0.07, 0.0, -1.0, 1.0, -0.999, 0.994)] == ["+.35", "-.07", "0", "-1", "+1", "-1", "+.99"]
    # a value that rounds to zero has no sign ("-.00" read as a negative score) and no
    # leading dot (an interval "-.28….00" read as one number)
    assert [_signed(v) for v in (-0.004, 0.004, -0.0)] == ["0", "0", "0"]
    assert max(len(f"{_signed(lo)}…{_signed(hi)}") for lo in (-1.0, -0.55) for hi in (-0.98, 1.0)) <= 9


def _outlet_corpus(root: Path) -> Path:
    """Three outlets with 1, 3 and 2 articles (folders name the outlets)."""
    root.mkdir()
    for outlet, count in (("Alpha Post", 1), ("Beta News", 3), ("Gamma Daily", 2)):
        folder = root / outlet
        folder.mkdir()
        for k in range(count):
            (folder / f"{k}.txt").write_text(f"Story {k} from {outlet} is here. It has two sentences.", encoding="utf-8")
    return root


def test_compare_top_shows_the_outlets_with_most_articles(runner: CliRunner, tmp_path: Path) -> None:
    corpus = _outlet_corpus(tmp_path / "c")
    out = tmp_path / "top.csv"
    result = runner.invoke(cli, ["compare", str(corpus), "--top", "2", "--csv", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "6 articles · 2 of 3 outlets shown" in result.output
    assert "Beta News" in result.output and "Gamma Daily" in result.output
    assert "Alpha Post" not in result.output
    with out.open(encoding="utf-8") as fh:
        assert {row["outlet"] for row in csv.DictReader(fh)} == {"Beta News", "Gamma Daily"}


def test_compare_outlet_filter_is_case_insensitive_and_keeps_order(runner: CliRunner, tmp_path: Path) -> None:
    corpus = _outlet_corpus(tmp_path / "c")
    result = runner.invoke(cli, ["compare", str(corpus), "--outlet", "gamma daily", "--outlet", "ALPHA POST", "-q"])
    assert result.exit_code == 0, result.output
    assert "2 of 3 outlets shown" in result.output
    assert "Beta News" not in result.output
    assert result.output.index("Gamma") < result.output.index("Alpha")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--outlet", "Gama Daily"], "no outlet 'Gama Daily' in the corpus (3 outlets); did you mean 'Gamma Daily'?"),
        (["--outlet", "Alpha Post", "--top", "1"], "use --outlet or --top, not both"),
        (["--top", "0"], "--top"),
    ],
)
def test_compare_outlet_selection_errors(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    corpus = _outlet_corpus(tmp_path / "c")
    result = runner.invoke(cli, ["compare", str(corpus), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_readme_sample_of_compare_is_the_real_output(runner: CliRunner) -> None:
    """The README's `$ framing compare` sample is what the command prints on the seeds
    (it once kept first-session word counts for months)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    sample = readme.split("$ framing compare\n", 1)[1].split("\n...\n", 1)[0].splitlines()
    assert len(sample) >= 8
    output = [line.rstrip() for line in runner.invoke(cli, ["compare"]).output.splitlines()]
    assert output[: len(sample)] == sample
