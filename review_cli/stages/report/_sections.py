"""The report's sections, as document blocks: the review in numbers, the flow diagram, the
searches, the selection with the excluded full texts, the tables, the meta-ethnography, the
GRADE-CERQual tables and the PPI log. The checklists (appendices) refer to these sections by
number (`§4`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from review_cli.io import prisma_text
from review_cli.io.docmodel import (
    B,
    Block,
    Bullets,
    C,
    Diagram,
    Heading,
    P,
    Raw,
    Table,
)
from review_cli.stages.report import _mermaid
from review_cli.stages.report import _say as say
from review_cli.stages.report._facts import Facts
from review_cli.store.ppi import PHASES
from review_cli.store.synthfile import natural

SECTIONS = {
    "numbers": "1. The review in numbers",
    "flow": "2. Flow of studies (PRISMA 2020)",
    "searches": "3. Searches (PRISMA-S)",
    "selection": "4. Study selection",
    "characteristics": "5. Characteristics of included studies",
    "appraisal": "6. Appraisal of the included studies",
    "synthesis": "7. Meta-ethnography",
    "cerqual": "8. Confidence in the findings (GRADE-CERQual)",
    "ppi": "9. Patient and public involvement (GRIPP2 short form)",
}


def ref(key: str) -> str:
    """`§4` for a section key."""
    return "§" + SECTIONS[key].split(".")[0]


def _table(columns: Sequence[str], rows: Sequence[dict[str, Any]], small: bool = False) -> Table:
    return Table(tuple(columns), tuple(tuple("" if r.get(c) is None else str(r.get(c))
                                             for c in columns) for r in rows), small)


def numbers(facts: Facts) -> list[Block]:
    out: list[Block] = [Heading(2, SECTIONS["numbers"])]
    p = facts.protocol
    items: list[tuple[Any, ...]] = []
    if p.question:
        items.append((B("Question:"), " " + p.question))
    if p.review_type:
        items.append((B("Review:"), " " + p.review_type
                      + (f"; {p.synthesis}" if p.synthesis else "")))
    items += [(line,) for line in say.flow_summary(facts)]
    if facts.flow_problem:
        items.append((say.todo("the PRISMA counts do not add up yet: " + facts.flow_problem
                               .split("\n")[0]),))
    syn = facts.synth
    if syn is not None:
        concepts = syn.concepts or []
        orders = Counter(c.order for c in concepts)
        rows = syn.matrix.rows if syn.matrix else []
        items.append((f"Concepts: {say.n(len(concepts))} (first-order {orders['first-order']}, "
                      f"second-order {orders['second-order']}); third-order concepts: "
                      f"{len(rows)}; review findings assessed with GRADE-CERQual: "
                      f"{len(syn.findings or [])}; PPI advisory group meetings: "
                      f"{len(syn.meetings or [])}",))
    out.append(Bullets(tuple(items)))
    return out


def flow(facts: Facts) -> list[Block]:
    out: list[Block] = [Heading(2, SECTIONS["flow"])]
    if facts.flow is None:
        return out + [P(say.todo("the flow diagram: " + facts.flow_problem.split("\n")[0]))]
    data = facts.flow.to_json()
    boxes = prisma_text.boxes(data)
    rows = []
    for key, lines in boxes.items():
        rows.append({"Box": key.replace("o_", "other methods: ").replace("_", " "),
                     "Text": "\n".join(("  " * indent) + text for text, indent in lines)})
    fallback = (P("The PRISMA 2020 flow diagram is prisma/prisma.svg; its boxes:"),
                _table(("Box", "Text"), rows))
    out.append(Diagram(prisma_text.mermaid(data), fallback))
    out.append(P("Drawn from the review's files by ", C("review prisma"), " (also prisma/"
                 "prisma.svg, and prisma/PRISMA.csv for the PRISMA2020 app)."))
    return out


def searches(facts: Facts) -> list[Block]:
    out: list[Block] = [Heading(2, SECTIONS["searches"])]
    columns = ("#", "Source", "Platform / interface", "Date searched", "Search strategy (as run)",
               "Limits", "Records found", "Records retrieved", "Run")
    rows, notes = [], []
    for i, r in enumerate(facts.searches, start=1):
        rows.append(dict(zip(columns, (str(i), r.source, r.platform, r.date, r.strategy,
                                       r.limits, r.reported, r.retrieved, r.run), strict=True)))
        notes += [f"Row {i}: {note}" for note in r.notes]
    if not rows:
        return out + [P(say.todo("no searches are logged and no sources are in review.toml"))]
    out.append(_table(columns, rows, small=True))
    if notes:
        out.append(Bullets(tuple((x,) for x in notes)))
    out.append(P("Records found: the total the database reported; records retrieved: records "
                 "downloaded (online searches, logged by review in search/log.jsonl) or imported "
                 "from the export file. Rows without a date or strategy come from review.toml, "
                 "where they were not recorded."))
    return out


def selection(facts: Facts) -> list[Block]:
    out: list[Block] = [Heading(2, SECTIONS["selection"])]
    said = say.selection(facts)
    out += [P(s) for s in said] or [P(say.todo("nobody has screened yet"))]
    if facts.agreement:
        columns = ("Stage", "Reviewers", "Both screened", "Agreed", "Raw agreement",
                   "Cohen's kappa", "PABAK")
        out.append(_table(columns, [dict(zip(columns, (
            a.stage, f"{a.a}, {a.b}", say.n(a.both), say.n(a.agree),
            say.pct(a.agree, a.both), say.kappa(a.kappa), say.kappa(a.pabak)), strict=True))
            for a in facts.agreement]))
    auto = say.automation(facts)
    if auto:
        out.append(P(auto + "."))
    out.append(Heading(3, "Full texts excluded, with reasons"))
    if not facts.excluded:
        out.append(P("No full text was excluded." if facts.inclusion is not None
                     else say.todo("the full-text exclusions")))
        return out
    reasons = Counter(e.reason for e in facts.excluded)
    out.append(P(f"{say.n(len(facts.excluded))} full texts were excluded: " + "; ".join(
        f"{r} {k}" for r, k in reasons.most_common()) + "."))
    excluded = ("Study", "Title", "Id", "Reason")
    out.append(_table(excluded, [dict(zip(excluded, (e.label, e.title, e.id, e.reason),
                                          strict=True)) for e in facts.excluded]))
    return out


def _export_table(title: str, table: Any, prompt: str) -> list[Block]:
    out: list[Block] = [Heading(2, title)]
    if table is None:
        return out + [P(say.todo(prompt))]
    out.append(_table(table.columns, table.rows, small=len(table.columns) > 8))
    extra = [(B(f"{k}:"), f" {v}") for k, v in table.legend] + [(note,) for note in table.notes]
    if extra:
        out.append(Bullets(tuple(extra)))
    out += [P(say.todo(w)) for w in table.warnings]
    return out


def characteristics(facts: Facts) -> list[Block]:
    return _export_table(SECTIONS["characteristics"], facts.characteristics,
                         "the characteristics of the included studies: `review extract`")


def appraisal(facts: Facts) -> list[Block]:
    title = SECTIONS["appraisal"] + (f" ({facts.instrument.name})" if facts.instrument else "")
    out = _export_table(title, facts.appraisal, "the appraisal: `review appraise`")
    said = say.appraisal(facts)
    return out + ([P(said)] if said else [])


def synthesis(facts: Facts) -> list[Block]:
    out: list[Block] = [Heading(2, SECTIONS["synthesis"])]
    syn = facts.synth
    if syn is None:
        return out + [P(say.todo("the synthesis: start it with `review synthesis seed` "
                                 "(docs/synthesis.md)"))]
    if facts.protocol.synthesis:
        out.append(P(facts.protocol.synthesis + "."))
    out.append(Heading(3, "7.1 Concepts (phases 3 and 4: reading the studies, relating them)"))
    concepts = facts.tables.get("concepts")
    if concepts is None:
        out.append(P(say.todo("the concepts: `review synthesis seed`")))
    else:
        n_studies = len({r["Study"] for r in concepts.rows})
        out.append(P(f"{say.n(len(concepts.rows))} concepts from {n_studies} studies: "
                     "first-order concepts are the participants' own words, second-order "
                     "concepts the authors' interpretations (synthesis/concepts.jsonl)."))
        out.append(_table(concepts.columns, concepts.rows))
    out.append(Heading(3, "7.2 Translation (phase 5: translating the studies into one another)"))
    matrix = facts.tables.get("matrix")
    if matrix is None or syn.matrix is None:
        out.append(P(say.todo("the translation matrix: `review synthesis edit matrix`")))
    else:
        out.append(Bullets(tuple((B(f"{r.id} {r.label}"), f": {r.description}" if r.description
                                  else "") for r in sorted(syn.matrix.rows,
                                                           key=lambda r: natural(r.id)))))
        out.append(_table(matrix.columns, matrix.rows, small=len(matrix.columns) > 8))
        out.append(Bullets(tuple((note,) for note in matrix.notes)))
    out.append(Heading(3, "7.3 Line of argument (phases 6 and 7: synthesising, expressing)"))
    argument = syn.argument
    if argument is None:
        out.append(P(say.todo("the line of argument: `review synthesis edit line-of-argument`")))
    else:
        prose = "\n".join(argument.prose).strip()
        if prose:
            out.append(Raw(prose))
        if argument.links:
            out.append(_mermaid.diagram(argument.links, syn.matrix))
    return out


def cerqual(facts: Facts) -> list[Block]:
    out: list[Block] = [Heading(2, SECTIONS["cerqual"])]
    soqf, profile = facts.tables.get("soqf"), facts.tables.get("evidence-profile")
    if soqf is None or profile is None:
        return out + [P(say.todo("the GRADE-CERQual assessments: `review synthesis edit "
                                 "cerqual`"))]
    out.append(P("Each review finding was assessed with GRADE-CERQual (Lewin et al. 2018): "
                 "methodological limitations, coherence, adequacy and relevance, each with its "
                 "level of concern, then the overall confidence (synthesis/cerqual.jsonl). "
                 "Methodological limitations draw on the appraisal of the contributing studies "
                 f"({ref('appraisal')})."))
    out.append(Heading(3, "Summary of Qualitative Findings"))
    out.append(_table(soqf.columns, soqf.rows))
    out.append(Heading(3, "Evidence Profile"))
    out.append(_table(profile.columns, profile.rows, small=True))
    return out


def ppi(facts: Facts, gripp2: list[Block]) -> list[Block]:
    out: list[Block] = [Heading(2, SECTIONS["ppi"]), *gripp2]
    meetings = facts.synth.meetings if facts.synth else None
    if not meetings:
        return out
    out.append(Heading(3, "Meetings of the advisory group"))
    columns = ("Date", "Phase", "Who took part", "Discussed", "What changed as a result")
    out.append(_table(columns, [dict(zip(columns, (
        m.date, f"{m.phase} ({PHASES.get(m.phase or 0, '?')})", "; ".join(m.who), m.discussed,
        m.changed), strict=True)) for m in meetings]))
    return out
