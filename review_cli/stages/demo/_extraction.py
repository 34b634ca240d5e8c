"""What the demo's two simulated reviewers extract from, and answer about, each included study.

Everything is read off the generated study (its title and abstract, themselves generated from
the vocabularies in `_vocab`) or drawn from `random.Random` seeded by the study: no third-party
text. The first reviewer's extraction is faithful to the abstract; the second reviewer's
differs on a few fields, and a few appraisal answers, so that compare and reconcile have work.
"""

from __future__ import annotations

import random
import re
from typing import Any

from review_cli.stages.demo import _vocab as vocab
from review_cli.stages.demo._studies import Study

SETTINGS = ("an urban borough", "a rural county", "two neighbouring localities", "a city region",
            "a coastal district", "three integrated care partnerships")
ANALYSIS = {"a grounded theory approach": "grounded theory",
            "reflexive thematic analysis": "thematic analysis"}
COLLECTION = (("interview", "interviews"), ("focus group", "focus groups"),
              ("observation", "observation"), ("workshop", "workshops"))
INVOLVED = (("service user", "service users"), ("patients", "service users"),
            ("older people", "service users"), ("lived experience", "service users"),
            ("carer", "unpaid carers"), ("staff", "health staff"),
            ("professional", "health staff"), ("practitioner", "health staff"))
SECOND_ORDER = (
    "The authors interpret {theme} as the condition on which shared decisions rested.",
    "The authors argue that {theme} made the difference between co-production and consultation.",
    "In the authors' reading, {theme} shaped who felt able to speak in design meetings.",
)


def _find(text: str, options: tuple[str, ...]) -> str | None:
    """The longest option that occurs in `text` (so `experience-based co-design` beats
    `co-design`)."""
    hits = [o for o in options if o.casefold() in text.casefold()]
    return max(hits, key=len) if hits else None


def extraction(study: Study, seed: int) -> dict[str, Any]:
    """The faithful extraction of one generated study."""
    rng = random.Random(f"{seed}:extract:{study.uid}")
    parts = dict(study.abstract_parts)
    text = f"{study.title} {study.abstract}"
    methods = parts.get("Methods", "")
    n = re.search(r"with (\d+) participants", methods)
    people = _find(text, vocab.PEOPLE) or "service users, unpaid carers and staff"
    involved = {choice for word, choice in INVOLVED if word in people}
    if "staff" in people or "professional" in people:
        involved.add("social care staff")
    approach = _find(text, vocab.CO_NOUNS) or "co-production"
    analysis = _find(methods, vocab.ANALYSES) or "thematic analysis"
    collection = [choice for word, choice in COLLECTION if word in methods] or ["interviews"]
    themes = [t for t in vocab.THEMES if t in parts.get("Findings", "")] or \
        rng.sample(vocab.THEMES, 2)
    quote = re.match(r"'([^']+)'", study.title)
    first = quote[1] if quote else rng.choice(vocab.QUOTES)
    quotations = [
        {"text": first + ".", "page": str(rng.randint(3, 9)),
         "participant": rng.choice(("service user", "unpaid carer")), "order": "first-order"},
        {"text": rng.choice(vocab.QUOTES) + ".", "page": str(rng.randint(5, 12)),
         "participant": "staff", "order": "first-order"},
        {"text": rng.choice(SECOND_ORDER).format(theme=themes[0]),
         "page": str(rng.randint(10, 16)), "order": "second-order"},
    ]
    values: dict[str, Any] = {
        "aim": parts.get("Aim", ""),
        "country": _find(text, vocab.COUNTRIES) or rng.choice(vocab.COUNTRIES),
        "setting": rng.choice(SETTINGS),
        "service": (_find(text, vocab.INTEGRATED_SERVICES) or "an integrated care service")
        .removeprefix("an ").removeprefix("a "),
        "approach": approach,
        "involved": [c for c in ("service users", "unpaid carers", "health staff",
                                 "social care staff") if c in involved],
        "participants": f"{n[1]} participants: {people}" if n
        else f"{people} (number not reported)",
        "methodology": "ethnography" if "ethnograph" in text else "qualitative",
        "data_collection": collection,
        "analysis": ANALYSIS.get(analysis, analysis),
        "key_findings": parts.get("Findings", ""),
        "quotations": quotations,
    }
    if n:
        values["participants_n"] = int(n[1])
    values["service"] = values["service"][:1].upper() + values["service"][1:]
    return values


# Where the second reviewer differs: (study position among the included, field, how).
EXTRACTION_DIFFERENCES = ((1, "analysis"), (3, "participants_n"), (5, "data_collection"),
                          (7, "setting"))
APPRAISAL_DIFFERENCES = ((0, "q6"), (4, "q4"), (8, "q8"))


def second_reviewer(position: int, values: dict[str, Any]) -> dict[str, Any]:
    """The second reviewer's extraction of the study at `position`: the same but for the
    differences planned above."""
    out = dict(values)
    for where, name in EXTRACTION_DIFFERENCES:
        if where != position:
            continue
        if name == "analysis":
            out[name] = "framework analysis" if values[name] != "framework analysis" \
                else "thematic analysis"
        elif name == "participants_n" and name in values:
            out[name] = values[name] + 2
        elif name == "data_collection":
            out[name] = [*values[name][:1], "workshops"] if "workshops" not in values[name] \
                else values[name][:1]
        elif name == "setting":
            out[name] = "a metropolitan borough"
    return out


def appraisal(uid: str, seed: int, items: list[str]) -> dict[str, str]:
    """The first reviewer's CASP answers: mostly yes, a few can't tell or no."""
    rng = random.Random(f"{seed}:appraise:{uid}")
    answers = {}
    for item in items:
        roll = rng.random()
        answers[item] = "yes" if roll < 0.8 or item in ("q1", "q2") else \
            "cant-tell" if roll < 0.95 else "no"
    return answers


def second_appraisal(position: int, answers: dict[str, str]) -> dict[str, str]:
    out = dict(answers)
    for where, item in APPRAISAL_DIFFERENCES:
        if where == position:
            out[item] = "cant-tell" if answers[item] == "yes" else "yes"
    return out


def fill_workbook(data: bytes, rows: dict[str, dict[str, Any]], cells: Any) -> bytes:
    """The extraction workbook `data` as a reviewer fills it in a spreadsheet program: every
    study's row of the `extraction` sheet, and a row per quotation on the `quotations` sheet.
    `cells(field_name, value)` gives a value as a cell holds it."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    main = wb["extraction"]
    header = [c.value for c in main[1]]
    for row in main.iter_rows(min_row=2):
        sid = row[0].value
        if sid not in rows:
            continue
        for name, value in rows[sid].items():
            if name in header and name != "quotations":
                row[header.index(name)].value = cells(name, value)
    sheet = wb["quotations"]
    head = [c.value for c in sheet[1]]
    labels = {r[0].value: r[1].value for r in main.iter_rows(min_row=2)}
    for sid, values in rows.items():
        for block in values.get("quotations") or []:
            sheet.append([sid, labels.get(sid), *(block.get(h) for h in head[2:])])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
