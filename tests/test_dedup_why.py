"""Every reason a pair waits for a person comes with a sentence saying what to look at."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console

from review_cli.stages.dedup import PairCard
from review_cli.stages.dedup._match import make_keys
from review_cli.stages.dedup._rules import Verdict, compare
from review_cli.stages.dedup._why import BLOCKED, why_queued
from review_cli.ui import dedup_view

from .test_dedup_rules import CASES, rec


def test_every_queue_reason_of_the_hard_cases_is_explained() -> None:
    reasons: set[str] = set()
    for p in CASES:
        a, b, _, context = p.values
        keys = make_keys([rec(a), rec(b), *(rec(c) for c in context)])
        m = compare(keys[0], keys[1])
        if m.verdict is Verdict.UNCERTAIN:
            reasons.add(m.rule)
    assert len(reasons) >= 10, reasons  # the table reaches most reasons
    assert [r for r in sorted(reasons) if not why_queued(r)] == []


@pytest.mark.parametrize(("rule", "words"), [
    ("same-doi-but-erratum-vs-article", "One DOI, but one record is an erratum"),
    ("other-volume-of-meeting", "a paper and its poster"),
    ("same-title-authors-year" + BLOCKED, "The rule `same-title-authors-year` finds"),
    ("same-doi-but-a-guard-nobody-wrote", ""),
    ("a-reason-nobody-wrote", ""),
])
def test_why_queued(rule: str, words: str) -> None:
    said = why_queued(rule)
    assert words in said if words else said == ""


def test_the_card_shows_why(monkeypatch: pytest.MonkeyPatch) -> None:
    base: dict[str, Any] = {"title": "Mobile stroke units", "authors": ["Lee, K"], "year": "2020"}
    card = PairCard(rec(base), rec({**base, "title": "Mobile stroke unit"}), "similar-title",
                    {"title": 0.95}, 1, 1, why_queued("similar-title"))
    buf = io.StringIO()
    dedup_view.render_card(card, Console(file=buf, width=200))
    assert "The titles are alike but not the same" in buf.getvalue()
