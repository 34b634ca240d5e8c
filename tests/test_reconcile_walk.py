"""The reconcile walk-throughs of extraction and appraisal (an injected `ask`), and which study
`review extract` opens when none is named."""

from __future__ import annotations

import json
from pathlib import Path

from review_cli.stages import appraise, extract

from .extract_helpers import make_review


def test_extraction_walk_records_each_choice_at_once(tmp_path: Path) -> None:
    project = make_review(tmp_path / "rev")
    extract.set_values(project, "s0001", "reviewer1", {"country": "Wales", "approach": "co-design"})
    extract.set_values(project, "s0001", "reviewer2", {"country": "England",
                                                       "approach": "co-creation"})
    extract.set_values(project, "s0002", "reviewer2", {"country": "Sweden"})  # one reviewer
    found = extract.compare(project)
    assert [(d.field, d.values) for d in found] == [
        ("country", {"reviewer1": "Wales", "reviewer2": "England"}),
        ("approach", {"reviewer1": "co-design", "reviewer2": "co-creation"})]
    seen = []

    def ask(d: extract.Disagreement, i: int, n: int) -> extract.Resolution | str | None:
        seen.append((d.field, i, n))
        if d.field == "country":
            return "skip"
        return extract.Resolution(d.study, d.field, "co-production")  # typed by the reconciler

    written = extract.walk(project, "carol", ask, clock=lambda: 0.0)
    assert seen == [("country", 1, 2), ("approach", 2, 2)]
    assert [(e.field, e.value, e.via) for e in written] == [("approach", "co-production",
                                                             "typed")]
    assert [d.field for d in extract.compare(project)] == ["country"]
    lines = project.extraction_reconciled_path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["reviewer"] == "carol"
    # The next study a reviewer has not finished: reviewer2 has s0001 and s0002 started, none
    # complete; Lindqvist 2016 (s0002) comes first by label.
    assert extract.form_text(project, None, "reviewer2").startswith(
        "# Extraction form: Lindqvist 2016 (study s0002)")


def test_appraisal_walk_stops_when_asked(tmp_path: Path) -> None:
    project = make_review(tmp_path / "rev")
    appraise.set_answers(project, "s0001", "reviewer1", "casp-qualitative",
                         {"q1": "yes", "q2": "yes", "q3": "no"})
    appraise.set_answers(project, "s0001", "reviewer2", "casp-qualitative",
                         {"q1": "no", "q2": "yes", "q3": "yes"})
    calls = []

    def ask(d: appraise.Disagreement, i: int, n: int) -> appraise.Resolution | str | None:
        calls.append(d.item)
        return appraise.Resolution(d.study, d.item, "yes", took="reviewer2") if i == 1 else None

    written = appraise.walk(project, "casp-qualitative", "carol", ask)
    assert calls == ["q1", "q3"] and [(a.item, a.answer, a.via) for a in written] == [
        ("q1", "yes", "took reviewer2")]
    assert [d.item for d in appraise.compare(project, "casp-qualitative")] == ["q3"]
