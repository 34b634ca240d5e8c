"""The project's own metadata installs without the deprecation warnings setuptools prints on every
`make demo` and `pip install -e .` (it printed three for the `license` table)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_setuptools_reads_pyproject_without_a_deprecation(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # 77 is what [build-system] asks for, so the isolated build that pip runs reads it the same.
    pytest.importorskip("setuptools", minversion="77")
    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)  # setuptools finds the readme beside the file it reads
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        apply_configuration(Distribution(), tmp_path / "pyproject.toml")
    said = [f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in caught]
    assert not said, said
