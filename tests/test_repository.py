"""The repository itself: a fresh clone must work on any machine.

A tracked symlink to a path outside the checkout (say ``.venv -> /somewhere/venv``)
works only where that path exists, and a tracked file that ``.gitignore`` names is
one nobody meant to commit. Both broke every fresh clone once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tooling import missing

ROOT = Path(__file__).resolve().parents[1]


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` and return its standard output."""
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def repository_problems(root: Path) -> list[str]:
    """Tracked symlinks that leave the checkout, and tracked paths that .gitignore names."""
    problems = []
    for line in git(root, "ls-files", "-s", "-z").split("\0"):
        if not line.startswith("120000 "):
            continue
        path = line.split("\t", 1)[1]
        target = os.readlink(root / path) if (root / path).is_symlink() else ""
        inside = (root / path).parent.joinpath(target).resolve()
        if not target or os.path.isabs(target) or not inside.is_relative_to(root.resolve()):
            problems.append(f"{path} is a symlink to {target or '?'} outside the repository")
    ignored = git(root, "ls-files", "-z", "--cached", "--ignored", "--exclude-standard")
    problems += [
        f"{path} is tracked but .gitignore ignores it" for path in ignored.split("\0") if path
    ]
    return problems


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """An empty git repository with one ordinary file committed."""
    if shutil.which("git") is None:
        missing("git is not installed")
    git(tmp_path, "init", "-q")
    (tmp_path / "README.md").write_text("hello\n")
    git(tmp_path, "add", "README.md")
    return tmp_path


def test_this_checkout_has_no_outside_links_and_no_ignored_files() -> None:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        missing("not a git checkout")
    assert repository_problems(ROOT) == []


def test_a_symlink_to_an_absolute_path_outside_is_reported(scratch_repo: Path) -> None:
    (scratch_repo / ".venv").symlink_to("/tmp/venv")
    git(scratch_repo, "add", ".venv")
    assert repository_problems(scratch_repo) == [
        ".venv is a symlink to /tmp/venv outside the repository"
    ]


def test_a_relative_symlink_that_climbs_out_is_reported(scratch_repo: Path) -> None:
    (scratch_repo / "docs").mkdir()
    (scratch_repo / "docs" / "shared").symlink_to("../../shared")
    git(scratch_repo, "add", "docs/shared")
    assert repository_problems(scratch_repo) == [
        "docs/shared is a symlink to ../../shared outside the repository"
    ]


def test_a_symlink_inside_the_repository_is_accepted(scratch_repo: Path) -> None:
    (scratch_repo / "docs").mkdir()
    (scratch_repo / "docs" / "README.md").symlink_to("../README.md")
    git(scratch_repo, "add", "docs/README.md")
    assert repository_problems(scratch_repo) == []


def test_a_tracked_path_that_gitignore_names_is_reported(scratch_repo: Path) -> None:
    (scratch_repo / ".gitignore").write_text(".venv\n")
    (scratch_repo / ".venv").symlink_to("README.md")
    git(scratch_repo, "add", "-f", ".venv", ".gitignore")
    assert repository_problems(scratch_repo) == [".venv is tracked but .gitignore ignores it"]


def test_gitignore_matches_an_environment_link_not_only_a_folder() -> None:
    ignore = (ROOT / ".gitignore").read_text().splitlines()
    assert ".venv" in ignore
