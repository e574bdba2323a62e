"""The benchmark, run only on request: `pytest -m bench` (it takes minutes and prints ratios)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.run import main


@pytest.mark.bench
def test_bench_quick(tmp_path: Path) -> None:
    assert main(["--quick", "--out", str(tmp_path / "PERFORMANCE.md")]) == 0
    assert "| commit: issue add" in (tmp_path / "PERFORMANCE.md").read_text()
