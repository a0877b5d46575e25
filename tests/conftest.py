"""Shared fixtures: the repo's seeds, the shared datasets (skipped cleanly when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"


def shared_data_dir() -> Path:
    """../shared/data beside the checkout, or $FRAMING_SHARED_DATA."""
    override = os.environ.get("FRAMING_SHARED_DATA")
    return Path(override) if override else REPO.parent / "shared" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing (on purpose only).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"shared datasets not found at {path} (set FRAMING_SHARED_DATA)")
    return path
