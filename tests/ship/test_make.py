"""The two quick-start commands: `make run` needs only Python; `make test` also sets up Node."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.ship.conftest import REPO


def dry_run(target: str) -> str:
    """Every command `make TARGET` would run from scratch (-B: as if nothing were built)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed here")
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", target],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_installs_and_runs_without_node():
    commands = dry_run("run")
    assert "-m venv .venv" in commands and "pip install" in commands
    assert commands.rstrip().endswith(".venv/bin/gongkai run")
    assert "npm" not in commands and "node" not in commands


def test_make_test_installs_the_emulator_then_runs_pytest():
    commands = dry_run("test")
    assert "npm ci" in commands
    assert commands.rstrip().endswith(".venv/bin/python -m pytest")
