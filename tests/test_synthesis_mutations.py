"""Damaged synthesis files never give a traceback: `review synthesis check`, `review report`,
`review status` and the editor's `--print` end with exit 0 or 1 (the suite sets REVIEW_DEBUG,
so an unexpected error raises here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from review_cli.project import Project

from .conftest import invoke
from .synthesis_helpers import synthesised_review
from .test_mutations import mutated

FILES = ["synthesis/concepts.jsonl", "synthesis/matrix.jsonl", "synthesis/cerqual.jsonl",
         "synthesis/ppi.jsonl", "synthesis/line-of-argument.md"]
COMMANDS = [("synthesis", "check"), ("report", "--check"), ("status", "--json"),
            ("synthesis", "edit", "matrix", "--print"), ("synthesis", "table", "soqf")]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mutations") / "rev"
    synthesised_review(root)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", FILES)
def test_a_damaged_synthesis_file_is_an_error_never_a_traceback(name: str, base: Path,
                                                                tmp_path: Path,
                                                                runner: object) -> None:
    original = (base / name).read_bytes()

    @settings(max_examples=8, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(data=mutated(original))
    def check(data: bytes) -> None:
        work = tmp_path / "work"
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(base, work)
        (work / name).write_bytes(data)
        for args in COMMANDS:
            result = invoke(runner, Project(work), *args)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                args, result.output)
            assert result.exit_code in (0, 1), (args, result.output)

    check()
