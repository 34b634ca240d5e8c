"""`review` runs where reviewers work: Linux, macOS and Windows. Windows has no `os.fork` and no
`fcntl`; the whole demo runs without them and writes the same files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import snapshot

# Runs in a fresh interpreter: what Windows lacks is taken away before review is imported.
AS_ON_WINDOWS = """
import os, sys
for name in ("fork", "forkpty", "register_at_fork"):
    if hasattr(os, name):
        delattr(os, name)
sys.modules["fcntl"] = None  # `import fcntl` raises ImportError, as on Windows
from review_cli.cli import main
sys.argv = ["review", "demo", sys.argv[1]]
main()
"""
PLAIN = """
import sys
from review_cli.cli import main
sys.argv = ["review", "demo", sys.argv[1]]
main()
"""


def run(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "1", "PYTHONWARNINGS": "ignore::UserWarning"}
    return subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=600)


@pytest.mark.slow
def test_the_demo_without_fork_and_fcntl_writes_the_same_files(tmp_path: Path) -> None:
    without = run(AS_ON_WINDOWS, tmp_path / "windows-like")
    assert without.returncode == 0, without.stderr
    plain = run(PLAIN, tmp_path / "plain")
    assert plain.returncode == 0, plain.stderr
    a, b = snapshot(tmp_path / "windows-like"), snapshot(tmp_path / "plain")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert any(name.startswith("prisma/") for name in a)  # the demo ran to the end
