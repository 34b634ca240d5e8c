"""A small review past inclusion: the co-production template (its extraction form, CASP),
three included studies (two reviewers agreed at both stages) and one excluded."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from review_cli.io.writer import write_jsonl
from review_cli.model import Origin, Record, Stage, Verdict
from review_cli.project import Project
from review_cli.stages import init, team

TITLES = [
    ("Okafor, Nia", 2019, "Co-designing an integrated discharge pathway with carers"),
    ("Lindqvist, Per", 2016, "Experience-based co-design of a neighbourhood team in Sweden"),
    ("Mbeki, Thandi", 2021, "Co-producing dementia care across primary and social care"),
    ("Smith, John", 2018, "A survey of hospital admissions"),
]
INCLUDED = ("s0001", "s0002", "s0003")


def records() -> list[Record]:
    return [
        Record(id=f"s{i + 1:04d}", source="MEDLINE", title=title, authors=(author, "Other, B"),
               year=year, journal="Int J Integr Care", abstract="Qualitative study. " * 4,
               origins=(Origin("MEDLINE", "searches/medline/x.ris", f"#{i + 1}", i + 1),))
        for i, (author, year, title) in enumerate(TITLES)
    ]


def make_review(root: Path) -> Project:
    """Included: s0001-s0003 (Okafor 2019, Lindqvist 2016, Mbeki 2021); s0004 excluded."""
    init.run(root, "coproduction-integrated-care")
    project = Project(root)
    write_jsonl(project.records_path, [r.to_json() for r in records()])
    for stage in (Stage.TITLE_ABSTRACT, Stage.FULL_TEXT):
        for reviewer in ("reviewer1", "reviewer2"):
            wanted = [team.Wanted(r, Verdict.INCLUDE) for r in INCLUDED]
            if stage == Stage.TITLE_ABSTRACT:
                wanted.append(team.Wanted("s0004", Verdict.EXCLUDE))
            team.decide(project, stage, reviewer, wanted, clock=lambda: 1_650_000_000.0)
    return project


def stand_in_editor(folder: Path, rounds: list[dict[str, str]]) -> str:
    """An `$EDITOR` command: a script that, on its n-th run, replaces text in the file it is
    given as `rounds[n]` says ({old: new}), as a person typing would."""
    (folder / "rounds.json").write_text(json.dumps(rounds), encoding="utf-8")
    script = folder / "editor.py"
    script.write_text(textwrap.dedent(f"""\
        import json, pathlib, sys
        folder = pathlib.Path({str(folder)!r})
        rounds = json.loads((folder / "rounds.json").read_text(encoding="utf-8"))
        state = folder / "editor-round"
        n = int(state.read_text()) if state.exists() else 0
        state.write_text(str(n + 1))
        path = pathlib.Path(sys.argv[1])
        text = path.read_text(encoding="utf-8")
        for old, new in rounds[min(n, len(rounds) - 1)].items():
            assert old in text, (old, text)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
        """), encoding="utf-8")
    return f'"{sys.executable}" "{script}"'
