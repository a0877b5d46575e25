"""A plain (non-editable) wheel carries lexicons/ and seeds/ and finds them when installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Build from a clean copy: setuptools leaves build/ and *.egg-info behind, and stale
    # files there could hide a packaging mistake in later builds.
    source = tmp_path_factory.mktemp("src") / "framing"
    shutil.copytree(
        REPO, source,
        ignore=shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"wheel build failed:\n{result.stderr[-2000:]}")
    wheels = list(out.glob("framing-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contains_lexicons_and_seeds(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    for name in seeds + ["manifest.csv"]:
        assert f"framing/seeds/{name}" in names
    lexicon_files = [
        p.relative_to(REPO / "lexicons").as_posix()
        for p in (REPO / "lexicons").rglob("*")
        if p.is_file() and p.suffix in {".csv", ".toml", ".txt", ".md"}
    ]
    assert lexicon_files, "no lexicon files found in the source tree"
    for rel in lexicon_files:
        assert f"framing/lexicon_data/{rel}" in names, rel
    assert "framing/cli.py" in names


def test_installed_wheel_runs_compare_on_seeds(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import framing; assert framing.__file__.startswith(sys.argv[1]), framing.__file__;"
        "from framing.cli import main; main(['compare', '-q'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "bundled seeds" in result.stdout and "Press TV" in result.stdout
