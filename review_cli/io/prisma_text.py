"""PRISMA 2020 counts as text: box wording, the Mermaid flowchart and the PRISMA2020-app CSV.

`boxes()` holds the wording of every box once, so the SVG and the Mermaid version say the same.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from typing import Any

# The template read by the PRISMA2020 R package and Shiny app (prisma-flowdiagram/PRISMA2020,
# inst/extdata/PRISMA.csv, MIT licence), kept verbatim (a row longer than 100 characters goes on
# over lines ending in a backslash); `app_csv` fills its `n` column.
APP_TEMPLATE = """\
data,node,box,description,boxtext,tooltips,url,n
NA,node4,prevstud,Grey title box; Previous studies,\
Previous studies43242342,Grey title box; Previous studies,prevstud.html,0
previous_studies,node5,box1,Studies included in previous version of review,\
Studies included in previous version of review,\
Studies included in previous version of review,previous_studies.html,0
previous_reports,NA,box1,Reports of studies included in previous version of review,\
Reports of studies included in previous version of review,NA,previous_reports.html,0
NA,node6,newstud,Yellow title box; Identification of new studies via databases and registers,\
Identification of new studies via databases and registers,\
Yellow title box; Identification of new studies via databases and registers,newstud.html,0
database_results,node7,box2,Records identified from: Databases,\
Databases,Records identified from: Databases,database_results.html,0
register_results,NA,box2,Records identified from: Registers,Registers,NA,NA,0
NA,node16,othstud,Grey title box; Identification of new studies via other methods,\
Identification of new studies via other methods,\
Grey title box; Identification of new studies via other methods,othstud.html,0
website_results,node17,box11,Records identified from: Websites,\
Websites,Records identified from: Websites,website_results.html,0
organisation_results,,box11,Records identified from: Organisations,Organisations,NA,NA,0
citations_results,NA,box11,Records identified from: Citation searching,Citation searching,NA,NA,0
duplicates,node8,box3,Duplicate records,Duplicate records,Duplicate records,duplicates.html,0
excluded_automatic,NA,box3,Records marked as ineligible by automation tools,\
Records marked as ineligible by automation tools,NA,NA,0
excluded_other,NA,box3,Records removed for other reasons,Records removed for other reasons,NA,NA,0
records_screened,node9,box4,Records screened (databases and registers),\
Records screened,Records screened (databases and registers),records_screened.html,0
records_excluded,node10,box5,Records excluded (databases and registers),\
Records excluded,Records excluded (databases and registers),records_excluded.html,0
dbr_sought_reports,node11,box6,\
Reports sought for retrieval (databases and registers),Reports sought for retrieval,\
Reports sought for retrieval (databases and registers),dbr_sought_reports.html,0
dbr_notretrieved_reports,node12,box7,\
Reports not retrieved (databases and registers),Reports not retrieved,\
Reports not retrieved (databases and registers),dbr_notretrieved_reports.html,0
other_sought_reports,node18,box12,Reports sought for retrieval (other),\
Reports sought for retrieval,Reports sought for retrieval (other),other_sought_reports.html,0
other_notretrieved_reports,node19,box13,Reports not retrieved (other),\
Reports not retrieved,Reports not retrieved (other),other_notretrieved_reports.html,0
dbr_assessed,node13,box8,Reports assessed for eligibility (databases and registers),\
Reports assessed for eligibility,\
Reports assessed for eligibility (databases and registers),dbr_assessed.html,0
dbr_excluded,node14,box9,\
"Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, \
xxx; Reason2, xxx; Reason3, xxx]",Reports excluded,\
"Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, \
xxx; Reason2, xxx; Reason3, xxx",dbrexcludedrecords.html,"Reason1, xxx; Reason2, xxx; Reason3, xxx"
other_assessed,node20,box14,Reports assessed for eligibility (other),\
Reports assessed for eligibility,Reports assessed for eligibility (other),other_assessed.html,0
other_excluded,node21,box15,\
"Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; \
Reason2, xxx; Reason3, xxx]",Reports excluded,\
"Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; \
Reason2, xxx; Reason3, xxx",other_excluded.html,"Reason1, xxx; Reason2, xxx; Reason3, xxx"
new_studies,node15,box10,New studies included in review,\
New studies included in review,New studies included in review,new_studies.html,0
new_reports,NA,box10,Reports of new included studies,Reports of new included studies,NA,NA,0
total_studies,node22,box16,Total studies included in review,\
Total studies included in review,Total studies included in review,total_studies.html,0
total_reports,NA,box16,Reports of total included studies,Reports of total included studies,NA,NA,0
identification,node1,identification,Blue identification box,\
Identification4231412341,Blue identification box,identification.html,0
screening,node2,screening,Blue screening box,Screening,Blue screening box,screening.html,0
included,node3,included,Blue included box,Included,Blue included box,included.html,0
"""

Line = tuple[str, int]  # text and indent level


def n(value: int) -> str:
    return f"(n = {value})"


def _source_lines(label: str, total: int, per_source: Mapping[str, int], show: bool) -> list[Line]:
    lines: list[Line] = [(f"{label} {n(total)}", 1)]
    # Each source on its own line, unless it only repeats the group ("Citation searching").
    if show and per_source and (
        len(per_source) > 1 or next(iter(per_source)).casefold() != label.casefold()
    ):
        lines.extend((f"{name} {n(count)}", 2) for name, count in per_source.items())
    return lines


def boxes(data: Mapping[str, Any]) -> dict[str, list[Line]]:
    """The text of every box to draw, by box id; boxes that are not drawn are absent."""
    c, src = data["counts"], data["sources"]
    out: dict[str, list[Line]] = {}
    if data["update"]:
        out["previous"] = [
            (f"Studies included in previous version of review {n(c['previous_studies'])}", 0),
            (
                "Reports of studies included in previous version of review "
                f"{n(c['previous_reports'])}",
                0,
            ),
        ]
    out["identified"] = [
        ("Records identified from:", 0),
        *_source_lines("Databases", c["database_results"], src["databases"], True),
        *_source_lines("Registers", c["register_results"], src["registers"], True),
    ]
    out["removed"] = [
        ("Records removed before screening:", 0),
        (f"Duplicate records removed {n(c['duplicates'])}", 1),
        (f"Records marked as ineligible by automation tools {n(c['excluded_automatic'])}", 1),
        (f"Records removed for other reasons {n(c['excluded_other'])}", 1),
    ]
    out["screened"] = [(f"Records screened {n(c['records_screened'])}", 0)]
    out["excluded"] = [(f"Records excluded {n(c['records_excluded'])}", 0)]
    if c["records_pending"]:
        out["excluded"].append((f"Awaiting a decision {n(c['records_pending'])}", 0))
    out["sought"] = [(f"Reports sought for retrieval {n(c['dbr_sought_reports'])}", 0)]
    out["not_retrieved"] = [(f"Reports not retrieved {n(c['dbr_notretrieved_reports'])}", 0)]
    out["assessed"] = [(f"Reports assessed for eligibility {n(c['dbr_assessed'])}", 0)]
    out["ft_excluded"] = _excluded_lines(
        c["dbr_excluded"], data["excluded_reasons"]["dbr"], c["dbr_pending_reports"]
    )
    if data["update"]:
        out["included"] = [
            (f"New studies included in review {n(c['new_studies'])}", 0),
            (f"Reports of new included studies {n(c['new_reports'])}", 0),
        ]
        out["total"] = [
            (f"Total studies included in review {n(c['total_studies'])}", 0),
            (f"Reports of total included studies {n(c['total_reports'])}", 0),
        ]
    else:
        out["included"] = [
            (f"Studies included in review {n(c['new_studies'])}", 0),
            (f"Reports of included studies {n(c['new_reports'])}", 0),
        ]
    if data["other_methods"]:
        out["o_identified"] = [
            ("Records identified from:", 0),
            *_source_lines("Websites", c["website_results"], src["websites"], True),
            *_source_lines("Organisations", c["organisation_results"], src["organisations"], True),
            *_source_lines(
                "Citation searching", c["citations_results"], src["citation_searching"], True
            ),
        ]
        removed = c["other_duplicates"] + c["other_excluded_automatic"] + c["other_excluded_other"]
        if removed:
            out["o_removed"] = [
                ("Records removed before screening:", 0),
                (f"Duplicate records removed {n(c['other_duplicates'])}", 1),
                (
                    "Records marked as ineligible by automation tools "
                    f"{n(c['other_excluded_automatic'])}",
                    1,
                ),
                (f"Records removed for other reasons {n(c['other_excluded_other'])}", 1),
            ]
        if c["other_records_excluded"] or c["other_records_pending"]:
            out["o_screened"] = [(f"Records screened {n(c['other_records_screened'])}", 0)]
            out["o_excluded"] = [(f"Records excluded {n(c['other_records_excluded'])}", 0)]
            if c["other_records_pending"]:
                out["o_excluded"].append(
                    (f"Awaiting a decision {n(c['other_records_pending'])}", 0)
                )
        out["o_sought"] = [(f"Reports sought for retrieval {n(c['other_sought_reports'])}", 0)]
        out["o_not_retrieved"] = [
            (f"Reports not retrieved {n(c['other_notretrieved_reports'])}", 0)
        ]
        out["o_assessed"] = [(f"Reports assessed for eligibility {n(c['other_assessed'])}", 0)]
        out["o_ft_excluded"] = _excluded_lines(
            c["other_excluded"], data["excluded_reasons"]["other"], c["other_pending_reports"]
        )
    return out


def _excluded_lines(total: int, reasons: list[dict[str, Any]], pending: int) -> list[Line]:
    lines: list[Line] = [(f"Reports excluded {n(total)}" + (":" if reasons else ""), 0)]
    lines.extend((f"{r['label']} {n(r['n'])}", 1) for r in reasons)
    if pending:
        lines.append((f"Awaiting a decision {n(pending)}", 0))
    return lines


HEADERS = {
    "h_previous": "Previous studies",
    "h_dbr": "Identification of new studies via databases and registers",
    "h_other": "Identification of new studies via other methods",
}
STAGES = ("Identification", "Screening", "Included")

# --- Mermaid ----------------------------------------------------------------------------------

# `%` too: `%%{init: ...}%%` anywhere in the text is a Mermaid directive, even in a label.
_MERMAID_ESCAPES = {
    "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "%": "#37;",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _mermaid_text(lines: list[Line]) -> str:
    out = []
    for text, indent in lines:
        escaped = "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in one_line(text))
        out.append(("- " if indent == 2 else "") + escaped)
    return "<br/>".join(out)


def edges(data: Mapping[str, Any], drawn: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Arrows between boxes (the same in the SVG and the Mermaid version)."""
    out = [
        ("identified", "removed"),
        ("identified", "screened"),
        ("screened", "excluded"),
        ("screened", "sought"),
        ("sought", "not_retrieved"),
        ("sought", "assessed"),
        ("assessed", "ft_excluded"),
        ("assessed", "included"),
    ]
    if "total" in drawn:
        out += [("included", "total"), ("previous", "total")]
    if "o_identified" in drawn:
        if "o_removed" in drawn:
            out.append(("o_identified", "o_removed"))
        if "o_screened" in drawn:
            out += [
                ("o_identified", "o_screened"), ("o_screened", "o_excluded"),
                ("o_screened", "o_sought"),
            ]
        else:
            out.append(("o_identified", "o_sought"))
        out += [
            ("o_sought", "o_not_retrieved"), ("o_sought", "o_assessed"),
            ("o_assessed", "o_ft_excluded"), ("o_assessed", "included"),
        ]
    return out


def mermaid(data: Mapping[str, Any]) -> str:
    """A Mermaid flowchart of the diagram, to embed in a README in a ```mermaid block."""
    drawn = boxes(data)
    out = [
        f"%% PRISMA 2020 flow diagram: {one_line(data['title']).replace('%', '#37;')}",
        "%% Generated by `review prisma` from the review's files; do not edit.",
        "flowchart TD",
    ]
    groups = [("h_dbr", [k for k in drawn if not k.startswith(("o_", "previous", "total"))])]
    if data["update"]:
        groups.insert(0, ("h_previous", ["previous"]))
    if data["other_methods"]:
        groups.append(("h_other", [k for k in drawn if k.startswith("o_")]))
    for header, ids in groups:
        out.append(f'    subgraph {header}["{_mermaid_text([(HEADERS[header], 0)])}"]')
        out.append("        direction TB")
        out.extend(f'        {box}["{_mermaid_text(drawn[box])}"]' for box in ids)
        out.append("    end")
    if "total" in drawn:
        out.append(f'    total["{_mermaid_text(drawn["total"])}"]')
    out.extend(f"    {a} --> {b}" for a, b in edges(data, drawn))
    return "\n".join(out) + "\n"


# --- PRISMA2020 app CSV ---------------------------------------------------------------------

_APP_COUNTS = (
    "previous_studies", "previous_reports", "database_results", "register_results",
    "website_results", "organisation_results", "citations_results", "duplicates",
    "excluded_automatic", "excluded_other", "records_screened", "records_excluded",
    "dbr_sought_reports", "dbr_notretrieved_reports", "other_sought_reports",
    "other_notretrieved_reports", "dbr_assessed", "other_assessed", "new_studies", "new_reports",
    "total_studies", "total_reports",
)


def app_reason(label: str) -> str:
    """The app reads "Reason, n; Reason, n": commas and semicolons in a label would split it."""
    return one_line(label).replace(";", ",").replace(", ", " / ").replace(",", " / ")


def app_csv(data: Mapping[str, Any]) -> str:
    """The template with `n` filled in, for the PRISMA2020 Shiny app or R package."""
    c = data["counts"]
    values: dict[str, str] = {key: str(c[key]) for key in _APP_COUNTS}
    for key, arm in (("dbr_excluded", "dbr"), ("other_excluded", "other")):
        values[key] = "; ".join(
            f"{app_reason(r['label'])}, {r['n']}" for r in data["excluded_reasons"][arm]
        )
    rows = list(csv.reader(io.StringIO(APP_TEMPLATE)))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        if row[0] in values:
            row[-1] = values[row[0]]
        writer.writerow(row)
    return buf.getvalue()
