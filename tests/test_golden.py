"""Golden file: `framing analyze seeds` output, byte for byte.

Regenerate only on purpose: `pytest tests/test_golden.py --update-golden`, then review
the diff of tests/gold/analyze_seeds.jsonl before committing it.
"""

from __future__ import annotations

from click.testing import CliRunner

from framing.cli import cli

from .conftest import GOLD, REPO

GOLDEN = GOLD / "analyze_seeds.jsonl"


def test_analyze_seeds_matches_golden(update_golden: bool, monkeypatch) -> None:
    monkeypatch.chdir(REPO)  # relative "source" paths keep the file machine-independent
    result = CliRunner().invoke(cli, ["analyze", "seeds", "-q"])
    assert result.exit_code == 0, result.output
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(result.output, encoding="utf-8")
    assert result.output == GOLDEN.read_text(encoding="utf-8")


def test_output_is_deterministic(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    first = CliRunner().invoke(cli, ["analyze", "seeds", "-q", "--format", "csv"]).output
    second = CliRunner().invoke(cli, ["analyze", "seeds", "-q", "--format", "csv"]).output
    assert first == second and first.count("\n") == 6
