"""Every command in the README's `sh` blocks runs as written.

Blocks run in order, each as one `bash -e` script in a shared temp folder, with `review` from
this interpreter's environment. The full-screen commands cannot run without a person at a
terminal (CI sets CI=true, so they refuse); for those the test checks that the same command line
parses, by running it with `--help`. `review screen` itself is driven in a pseudo-terminal by
tests/test_screen_e2e.py and tests/test_demo.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from review_cli.cli.reference import README

INTERACTIVE = (re.compile(r"^review screen\b"), re.compile(r"^review dedup --review\b"))


def sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def runnable(line: str) -> str:
    if any(p.match(line) for p in INTERACTIVE):
        return line + " --help"
    return line


@pytest.mark.slow
def test_readme_blocks_run_as_written(tmp_path: Path) -> None:
    blocks = sh_blocks()
    assert len(blocks) >= 3
    env = dict(os.environ, CI="true",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    # The README commits with git; a fresh machine may have no git identity configured.
    for var in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        env.setdefault(var, "Reviewer")
    for var in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        env.setdefault(var, "reviewer@example.org")
    for block in blocks:
        lines = [ln.strip() for ln in block.splitlines()
                 if ln.strip() and not ln.strip().startswith("#")]
        script = "set -e\n" + "\n".join(runnable(ln) for ln in lines) + "\n"
        result = subprocess.run(
            ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
            timeout=300
        )
        assert result.returncode == 0, (
            f"README block failed:\n{block}\nstdout:\n{result.stdout[-2000:]}\n"
            f"stderr:\n{result.stderr[-3000:]}")
        assert "Traceback" not in result.stderr
