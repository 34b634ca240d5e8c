"""Every command in the README's `sh` blocks runs as written, as on a fresh machine.

Blocks run in order, each as one `bash -e` script, with `review` from this interpreter's
environment, in a fresh home folder outside the checkout: no git identity (no ~/.gitconfig, no
GIT_* variables, system config off), so a README that commits without saying who would fail
here as it fails on a new laptop. Nothing may appear in the checkout, and the demo command
runs a second time unchanged (`review demo` over a folder that holds the demo already).

The full-screen commands cannot run without a person at a terminal (CI sets CI=true, so they
refuse); for those the test checks that the same command line parses, by running it with
`--help`. `review screen` itself is driven in a pseudo-terminal by tests/test_screen_e2e.py and
tests/test_demo.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from review_cli.cli.reference import README

ROOT = README.parent
INTERACTIVE = (re.compile(r"^review screen\b"), re.compile(r"^review dedup --review\b"))


def sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def runnable(line: str) -> str:
    if any(p.match(line) for p in INTERACTIVE):
        return line + " --help"
    return line


def fresh_machine(home: Path) -> dict[str, str]:
    """The environment of a new user: `review` on the PATH, an empty home, no git identity."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "REVIEW_", "EMAIL"))
           and k not in ("HOME", "XDG_CONFIG_HOME")}
    env.update(CI="true", HOME=str(home), GIT_CONFIG_NOSYSTEM="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return env


def checkout_files() -> set[str]:
    """Files in the checkout that git does not ignore (tracked or not)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return set()
    done = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return set(done.stdout.splitlines())


def run_block(block: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    lines = [ln.strip() for ln in block.splitlines()
             if ln.strip() and not ln.strip().startswith("#")]
    script = "set -e\n" + "\n".join(runnable(ln) for ln in lines) + "\n"
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.slow
def test_readme_blocks_run_as_written(tmp_path: Path) -> None:
    blocks = sh_blocks()
    assert len(blocks) >= 3
    home = tmp_path / "home"
    home.mkdir()
    env = fresh_machine(home)
    before = checkout_files()
    for block in blocks:
        result = run_block(block, tmp_path, env)
        assert result.returncode == 0, (
            f"README block failed:\n{block}\nstdout:\n{result.stdout[-2000:]}\n"
            f"stderr:\n{result.stderr[-3000:]}")
        assert "Traceback" not in result.stderr
    # The reviews are where the README put them, outside the checkout; none appeared in it.
    assert (home / "reviews" / "demo-review" / "review.toml").is_file()
    assert (home / "reviews" / "team-review" / ".git").is_dir()
    assert checkout_files() == before
    # The demo command runs again as written, and leaves the demo (and work done in it) as it is.
    demo = home / "reviews" / "demo-review"
    snapshot = {p: p.read_bytes() for p in demo.rglob("*") if p.is_file() and ".review" not in
                p.parts}
    again = run_block("\n".join(blocks[0].splitlines()[:2]), tmp_path, env)
    assert again.returncode == 0, again.stderr
    assert "already holds the example review" in again.stderr
    assert {p: p.read_bytes() for p in snapshot} == snapshot


def test_the_quickstart_starts_outside_the_checkout_and_commits_with_a_known_identity() -> None:
    blocks = sh_blocks()
    first = [ln for ln in blocks[0].splitlines() if ln.strip()]
    assert first[0].startswith("mkdir -p ~/reviews && cd ~/reviews")
    assert first[1] == "review demo demo-review"
    for block in blocks:
        if "git commit" in block:
            assert "git config user.name" in block and "git config user.email" in block
        lines = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
        assert lines[0].startswith(("mkdir -p ~/reviews", "cd ~/reviews")), block


def test_the_readme_says_what_make_demo_costs() -> None:
    text = README.read_text(encoding="utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    assert "first `make demo`" in setup.replace("first run", "first `make demo`")
    assert "Later runs" in setup and "TIMING" not in setup
