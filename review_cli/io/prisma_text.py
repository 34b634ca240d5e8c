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
# inst/extdata/PRISMA.csv, MIT licence) in its current form: with the per-database and
# per-register lists and the meta-analysis rows the R package reads, and without the stray digits
# of an older copy ("Identification4231412341", "Previous studies43242342"), which clients draw
# as box labels. A row longer than 100 characters goes on over lines ending in a backslash;
# `app_csv` fills the `n` column (and the labels it states counts in).
APP_TEMPLATE = """\
data,node,box,description,boxtext,tooltips,url,n
NA,node4,prevstud,Grey title box; Previous studies,\
Previous studies,Grey title box; Previous studies,prevstud.html,0
previous_studies,node5,box1,Studies included in previous version of review,\
Studies included in previous version of review,\
Studies included in previous version of review,previous_studies.html,0
previous_reports,NA,box1,Reports of studies included in previous version of review,\
Reports of studies included in previous version of review,NA,previous_reports.html,0
NA,node6,newstud,Yellow title box; Identification of new studies via databases and registers,\
Identification of new studies via databases and registers,\
Yellow title box; Identification of new studies via databases and registers,newstud.html,0
database_results,node7,box2,Records identified from: Databases,\
Databases,Records identified from: Databases and Registers,database_results.html,0
database_specific_results,NA,box2,Records identified from: specific databases,\
Specific Databases,NA,database_results.html,"Database 1, xxx; Database 2, xxx; Database 3, xxx"
register_results,NA,box2,Records identified from: Registers,Registers,NA,NA,0
register_specific_results,NA,box2,Records identified from: specific registers,\
Specific Registers,NA,database_results.html,"Register 1, xxx; Register 2, xxx; Register 3, xxx"
NA,node16,othstud,Grey title box; Identification of new studies via other methods,\
Identification of new studies via other methods,\
Grey title box; Identification of new studies via other methods,othstud.html,0
website_results,node17,box11,Records identified from: Websites,\
Websites,"Records identified from: Websites, Organisations and Citation Searching",\
website_results.html,0
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
xxx; Reason2, xxx; Reason3, xxx]",Reports excluded,Reports excluded (databases and registers),\
dbrexcludedrecords.html,"Reason1, xxx; Reason2, xxx; Reason3, xxx"
other_assessed,node20,box14,Reports assessed for eligibility (other),\
Reports assessed for eligibility,Reports assessed for eligibility (other),other_assessed.html,0
other_excluded,node21,box15,\
"Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; \
Reason2, xxx; Reason3, xxx]",Reports excluded,Reports excluded (other),other_excluded.html,\
"Reason1, xxx; Reason2, xxx; Reason3, xxx"
new_studies,node15,box10,New studies included in review,New studies included in review,\
New studies included in review,new_studies.html,0
new_reports,NA,box10,Reports of new included studies,Reports of new included studies,NA,NA,0
total_studies,node22,box16,Total studies included in review,\
Total studies included in review,Total studies included in review,total_studies.html,0
total_reports,NA,box16,Reports of total included studies,Reports of total included studies,NA,NA,0
identification,node1,identification,Blue identification box,\
Identification,Blue identification box,identification.html,0
screening,node2,screening,Blue screening box,Screening,Blue screening box,screening.html,0
included,node3,included,Blue included box,Included,Blue included box,included.html,0
total_studies_ma,node23,box17,Total studies included in meta-analysis,\
Total studies included in meta-analysis,Total studies included in meta-analysis,\
total_studies_meta_analysis.html,0
total_reports_ma,NA,box17,Reports of total included studies in meta-analysis,\
Reports of total included studies in meta-analysis,NA,NA,0
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


# The kinds of source of each arm, as (group in prisma.json's sources, count key, label).
DBR_GROUPS = (("databases", "database_results", "Databases"),
              ("registers", "register_results", "Registers"))
OTHER_GROUPS = (("websites", "website_results", "Websites"),
                ("organisations", "organisation_results", "Organisations"),
                ("citation_searching", "citations_results", "Citation searching"))


def _identified(c: Mapping[str, int], src: Mapping[str, Mapping[str, int]],
                groups: tuple[tuple[str, str, str], ...], per_source: bool) -> list[Line]:
    """"Records identified from:" with a line per kind of source the review searched (one it
    never searched is left out, not drawn as "(n = 0)"). `per_source`: each database and
    register on a line of its own, as PRISMA 2020 asks (the template's other-methods arm has
    one line per kind only)."""
    lines: list[Line] = [("Records identified from:", 0)]
    for group, key, label in groups:
        if src.get(group):
            lines += _source_lines(label, c[key], src[group], per_source)
    return lines


def stop_line(data: Mapping[str, Any], box: str) -> list[Line]:
    """The recorded stop, under the box that counts the records it left unscreened."""
    stop = data.get("stopping")
    k = stop["not_screened"]["databases-registers"] if stop else 0
    if not stop or stop["counted_as"] != box or not k:
        return []
    return [(f"Not screened: {stop['statement']} {n(k)}", 2)]


def stop_label(data: Mapping[str, Any], box: str, label: str) -> str:
    """A removal box's label with the stop it counts, for PRISMA.csv (said as the SVG says it)."""
    stop = data.get("stopping")
    k = stop["not_screened"]["databases-registers"] if stop else 0
    if not stop or stop["counted_as"] != box or not k:
        return label
    return f"{label}, of which {k} not screened: {stop['statement']}"


def other_sought_label(c: Mapping[str, int]) -> str:
    """The other-methods arm's "Reports sought for retrieval", with what left that arm before it.

    The PRISMA 2020 template has no duplicates or screening boxes in that arm: it goes from
    "Records identified" to "Reports sought". What review removed or excluded there in between
    is said in this label, in the diagram and in PRISMA.csv alike, so the arm still adds up."""
    parts = [
        f"{k} {what[0] if k == 1 else what[1]}" for k, what in (
            (c["other_duplicates"], ("duplicate record removed", "duplicate records removed")),
            (c["other_excluded_automatic"], ("record marked as ineligible by automation tools",
                                             "records marked as ineligible by automation tools")),
            (c["other_excluded_other"], ("record removed for other reasons",
                                         "records removed for other reasons")),
            (c["other_records_excluded"], ("record excluded on title and abstract",
                                           "records excluded on title and abstract")),
            (c["other_records_pending"], ("record awaiting a title/abstract decision",
                                          "records awaiting a title/abstract decision")),
        ) if k
    ]
    if not parts:
        return "Reports sought for retrieval"
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Reports sought for retrieval, after {listed}"


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
    out["identified"] = _identified(c, src, DBR_GROUPS, True)
    out["removed"] = [
        ("Records removed before screening:", 0),
        (f"Duplicate records removed {n(c['duplicates'])}", 1),
        (f"Records marked as ineligible by automation tools {n(c['excluded_automatic'])}", 1),
        *stop_line(data, "excluded_automatic"),
        (f"Records removed for other reasons {n(c['excluded_other'])}", 1),
        *stop_line(data, "excluded_other"),
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
        # The template's other-methods arm: identified, then reports sought (see
        # `other_sought_label` for what left the arm in between).
        out["o_identified"] = _identified(c, src, OTHER_GROUPS, False)
        out["o_sought"] = [(f"{other_sought_label(c)} {n(c['other_sought_reports'])}", 0)]
        out["o_not_retrieved"] = [
            (f"Reports not retrieved {n(c['other_notretrieved_reports'])}", 0)
        ]
        out["o_assessed"] = [(f"Reports assessed for eligibility {n(c['other_assessed'])}", 0)]
        out["o_ft_excluded"] = _excluded_lines(
            c["other_excluded"], data["excluded_reasons"]["other"], c["other_pending_reports"]
        )
    return out


def _excluded_lines(total: int, reasons: list[dict[str, Any]], pending: int) -> list[Line]:
    # As the template: the reasons with their numbers (they add up to the total), or 0.
    lines: list[Line] = [("Reports excluded:" if reasons else f"Reports excluded {n(total)}", 0)]
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
        out += [
            ("o_identified", "o_sought"),
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
    "duplicates", "excluded_automatic", "excluded_other", "records_screened",
    "records_excluded", "dbr_sought_reports", "dbr_notretrieved_reports", "dbr_assessed",
    "new_studies", "new_reports",
)
_OTHER_COUNTS = ("other_sought_reports", "other_notretrieved_reports", "other_assessed")
_PREVIOUS = ("previous_studies", "previous_reports", "total_studies", "total_reports")
NA = "NA"  # what the R package and prisma-flowchart read as "no such box"


def app_reason(label: str) -> str:
    """The app reads "Reason, n; Reason, n": commas and semicolons in a label would split it."""
    return one_line(label).replace(";", ",").replace(", ", " / ").replace(",", " / ")


def _listed(per_source: Mapping[str, int]) -> str:
    return "; ".join(f"{app_reason(name)}, {k}" for name, k in per_source.items()) or NA


def app_values(data: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The `n` of every row PRISMA.csv fills, and the labels (`boxtext`) it changes, so that a
    client drawing the CSV draws what `boxes()` draws: the same boxes, lines and numbers.

    NA leaves a box or line out: a kind of source the review did not search, the other-methods
    arm when there is none, the previous-studies column of a review that is no update, and the
    meta-analysis counts, which review does not know."""
    c, src = data["counts"], data["sources"]
    values: dict[str, str] = {key: str(c[key]) for key in _APP_COUNTS}
    for key in _PREVIOUS:
        values[key] = str(c[key]) if data["update"] else NA
    for group, key, _ in DBR_GROUPS + OTHER_GROUPS:
        values[key] = str(c[key]) if src.get(group) else NA
    for key in _OTHER_COUNTS:
        values[key] = str(c[key]) if data["other_methods"] else NA
    values["database_specific_results"] = _listed(src.get("databases", {}))
    values["register_specific_results"] = _listed(src.get("registers", {}))
    values["total_studies_ma"] = values["total_reports_ma"] = NA
    for key, arm in (("dbr_excluded", "dbr"), ("other_excluded", "other")):
        values[key] = "; ".join(
            f"{app_reason(r['label'])}, {r['n']}" for r in data["excluded_reasons"][arm]
        )
    if not data["other_methods"]:
        values["other_excluded"] = NA
    labels = {
        # With no exclusion to list, the box says 0 (clients draw a reason list, or nothing).
        key: f"Reports excluded {n(0)}" for key, arm in (("dbr_excluded", "dbr"),
                                                       ("other_excluded", "other"))
        if not data["excluded_reasons"][arm]
    }
    labels |= {
        "excluded_automatic": stop_label(
            data, "excluded_automatic", "Records marked as ineligible by automation tools"),
        "excluded_other": stop_label(data, "excluded_other", "Records removed for other reasons"),
        "other_sought_reports": other_sought_label(c),
    }
    if not data["update"]:
        labels["new_studies"] = "Studies included in review"
        labels["new_reports"] = "Reports of included studies"
    return values, labels


def app_csv(data: Mapping[str, Any]) -> str:
    """The template with `n` filled in, for the PRISMA2020 Shiny app or R package and other
    clients of its CSV (prisma-flowchart)."""
    values, labels = app_values(data)
    rows = list(csv.reader(io.StringIO(APP_TEMPLATE)))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        if row[0] in values:
            row[-1] = values[row[0]]
        if row[0] in labels:
            row[4] = one_line(labels[row[0]])
        writer.writerow(row)
    return buf.getvalue()
