"""PRISMA.csv, as `review prisma` writes it, says what `review`'s own SVG draws: the same boxes,
labels and numbers, and every field the PRISMA2020 R package and its CSV clients read is filled."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from review_cli.model import Stage
from review_cli.project import Project

from . import prisma_fixture as fx
from .conftest import invoke

SVG_NS = "{http://www.w3.org/2000/svg}"

# The SVG box that draws each counted row, and its words where they are not the row's boxtext.
COUNTED = {
    "database_results": ("box-identified", None),
    "register_results": ("box-identified", None),
    "website_results": ("box-o-identified", None),
    "organisation_results": ("box-o-identified", None),
    "citations_results": ("box-o-identified", None),
    "duplicates": ("box-removed", "Duplicate records removed"),
    "excluded_automatic": ("box-removed", None),
    "excluded_other": ("box-removed", None),
    "records_screened": ("box-screened", None),
    "records_excluded": ("box-excluded", None),
    "dbr_sought_reports": ("box-sought", None),
    "dbr_notretrieved_reports": ("box-not-retrieved", None),
    "dbr_assessed": ("box-assessed", None),
    "other_sought_reports": ("box-o-sought", None),
    "other_notretrieved_reports": ("box-o-not-retrieved", None),
    "other_assessed": ("box-o-assessed", None),
    "new_studies": ("box-included", None),
    "new_reports": ("box-included", None),
}
# Rows whose `n` is a list "name, n; name, n", and the box that draws each item.
LISTED = {
    "database_specific_results": "box-identified",
    "register_specific_results": "box-identified",
    "dbr_excluded": "box-ft-excluded",
    "other_excluded": "box-o-ft-excluded",
}
# A review that is no update and does no meta-analysis draws none of these.
NOT_DRAWN = ("previous_studies", "previous_reports", "total_studies", "total_reports",
             "total_studies_ma", "total_reports_ma")


def _boxes(svg: Path) -> dict[str, str]:
    root = ET.fromstring(svg.read_bytes())
    return {g.get("id", ""): " ".join(t.text or "" for t in g.iter(f"{SVG_NS}text"))
            .replace("\u00a0", " ")
            for g in root.iter(f"{SVG_NS}g") if g.get("id", "").startswith("box-")}


def _items(n: str) -> list[tuple[str, int]]:
    items = []
    for item in n.split("; "):
        name, _, k = item.rpartition(", ")
        assert name and k.isdigit(), f"not 'name, n': {item!r}"
        items.append((name, int(k)))
    return items


def _other_arm_with_a_title_abstract_exclusion(root: Path) -> Project:
    """The fixture, with the other-methods arm losing a record at title and abstract too: what
    the template has no box for must still be said before "Reports sought"."""
    project = fx.build(root)
    for reviewer in ("alice", "bob"):
        fx.decide(project, Stage.TITLE_ABSTRACT, reviewer, "c4", "exclude", "design", second=900)
    return project


@pytest.mark.parametrize("make", [fx.build, _other_arm_with_a_title_abstract_exclusion],
                         ids=["fixture", "other-arm-exclusion"])
def test_prisma_csv_says_what_the_svg_draws(make, tmp_path: Path, runner) -> None:
    project = make(tmp_path / "rev")
    result = invoke(runner, project, "prisma")
    assert result.exit_code == 0, result.output
    rows = {r["data"]: r for r in csv.DictReader(
        project.prisma_csv_path.read_text(encoding="utf-8").splitlines())}
    boxes = _boxes(project.prisma_svg_path)
    drawn = " ".join(boxes.values())

    for data, row in rows.items():
        # The template's older copies carried ids glued to labels ("Identification4231412341");
        # a client draws whatever stands there.
        for field in ("description", "boxtext", "tooltips"):
            assert not re.search(r"[A-Za-z]\d{4,}", row[field]), (data, field, row[field])
        if data == "NA":
            continue
        n = row["n"]
        if data in LISTED and not n:  # no exclusion to list: the label itself says 0
            assert row["boxtext"].endswith("(n = 0)"), (data, row["boxtext"])
            continue
        assert n, f"{data}: empty n"
        if data in COUNTED:
            box, words = COUNTED[data]
            if n == "NA":  # a kind of source the review never searched is not drawn
                assert f"{row['boxtext']} (n = " not in boxes.get(box, ""), data
            else:
                assert f"{words or row['boxtext']} (n = {int(n)})" in boxes[box], (data, box)
        elif data in LISTED and n != "NA":
            for name, k in _items(n):
                assert f"{name} (n = {k})" in boxes[LISTED[data]], (data, name, k)
        elif data in NOT_DRAWN:
            assert n == "NA", data
    # Every row the R package reads is one the test knows.
    assert set(rows) - {"NA", "identification", "screening", "included"} == (
        set(COUNTED) | set(LISTED) | set(NOT_DRAWN))

    databases = _items(rows["database_specific_results"]["n"])
    assert sum(k for _, k in databases) == int(rows["database_results"]["n"])
    assert dict(databases) == {"Embase": 6, "MEDLINE": 8}
    assert "Websites" not in drawn and "Organisations" not in drawn

    # Between "identified" and "sought" the other-methods arm has no box in the template: what
    # left it on the way is said in the label, in the CSV and the SVG alike.
    sought = rows["other_sought_reports"]
    removed = int(rows["citations_results"]["n"]) - int(sought["n"])
    said = [int(k) for k in re.findall(r"(\d+) (?:duplicate )?records? ", sought["boxtext"])]
    assert removed > 0 and sum(said) == removed, sought["boxtext"]
