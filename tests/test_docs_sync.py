"""The README's "Several laptops" commands, run verbatim on two laptops: an issue added on one appears on the other."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _blocks() -> list[tuple[str, list[str]]]:
    """(heading comment, commands) of the section's code block, in order."""
    section = README.split("## Several laptops", 1)[1]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    out: list[tuple[str, list[str]]] = []
    for line in block.strip().splitlines():
        if line.startswith("# "):
            out.append((line, []))
        elif line.strip():
            out[-1][1].append(line)
    return out


def test_the_section_is_two_laptops_and_back() -> None:
    heads = [head for head, _commands in _blocks()]
    assert [h.split("(")[0].rstrip(":").strip() for h in heads] == [
        "# On the first laptop",
        "# On every other laptop",
        "# Back on the first laptop",
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_an_issue_added_on_one_laptop_appears_on_the_other(tmp_path: Path) -> None:
    first, other = tmp_path / "first-home", tmp_path / "other-home"
    first.mkdir()
    other.mkdir()
    (first / "shared").mkdir()
    (other / "shared").symlink_to(first / "shared")  # the shared drive, mounted at the same place on both
    bin_dir = str(Path(sys.executable).parent)  # where pip put `l10`
    base = {k: v for k, v in os.environ.items() if not k.startswith(("L10_", "XDG_", "GIT_"))}
    base.update(
        PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""),
        GIT_CONFIG_GLOBAL=str(tmp_path / "no-gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Laptop",
        GIT_AUTHOR_EMAIL="laptop@example.com",
        GIT_COMMITTER_NAME="Laptop",
        GIT_COMMITTER_EMAIL="laptop@example.com",
        L10_TODAY="2026-11-23",
    )
    output = ""
    for (head, commands), home in zip(_blocks(), (first, other, first), strict=True):
        env = {**base, "HOME": str(home)}
        for command in commands:
            done = subprocess.run(
                ["bash", "-c", command], env=env, capture_output=True, text=True, cwd=home, stdin=subprocess.DEVNULL
            )
            assert done.returncode == 0, f"{head} / {command}: {done.stderr}"
            output = done.stdout
    assert "Trade-show leads never reached Sales" in output
    assert (other / ".local" / "share" / "l10tui" / "l10.json.device").exists()
