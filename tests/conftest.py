"""Shared fixtures: every test runs in a temp folder with a clean environment."""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from review_cli.cli import app
from review_cli.project import Project
from review_cli.stages import init

FIXTURES = Path(__file__).parent / "fixtures"

# A shell starts a background job with SIGINT ignored, and Python then keeps it ignored, so the
# Ctrl-C tests (here and in the `review` processes they start, which inherit it) would pass or
# fail by how the suite was launched. Give them the interpreter's usual handler.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_DATA = SHARED / "data"


# Tests talk to servers they start on this machine, never to the internet: a base URL that a
# test forgot to point at its stand-in fails here instead of reaching (or waiting on) the real API.
_LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}
_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect


def _local_getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and name not in _LOCAL_HOSTS:
        raise socket.gaierror(socket.EAI_NONAME, f"tests never touch the internet: {name}")
    return _real_getaddrinfo(host, *args, **kwargs)


def _local_connect(self: socket.socket, address) -> None:  # type: ignore[no-untyped-def]
    if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOCAL_HOSTS:
        raise OSError(f"tests never touch the internet: {address[0]}")
    _real_connect(self, address)


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setattr(socket, "getaddrinfo", _local_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", _local_connect)
    for var in list(os.environ):
        if var.startswith(("REVIEW_", "NCBI_", "OPENALEX_", "CROSSREF_")):
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("REVIEW_DEBUG", "1")  # a bug raises in its test, never passes as an error
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def review(tmp_path: Path) -> Project:
    """An empty review created from the generic template, as `review init` makes it."""
    init.run(tmp_path / "rev")
    return Project(tmp_path / "rev")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, project: Project | None,  # type: ignore[no-untyped-def]
           *args: str, input: str | None = None):
    """Run `review ARGS` inside `project` and return the result."""
    if project is not None:
        os.chdir(project.root)
    return runner.invoke(app, list(args), input=input)


def shared_data_or_skip() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (fresh clone)")
    return SHARED_DATA


def snapshot(project: Project | Path) -> dict[str, bytes]:
    """Every file of a review and its bytes, but for `.review/` (machine-local caches and
    locks, git-ignored): what `git status` would compare."""
    root = project.root if isinstance(project, Project) else project
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".review" not in p.relative_to(root).parts
    }
