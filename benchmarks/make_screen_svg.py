"""Writes docs/screen.svg: a capture of the screening screen, rendered by rich.

Builds a small demo review in a temp folder, screens a few records through the real loop
(scripted keys, fixed clock), and saves the card the reviewer would see next, as SVG.

Run: .venv/bin/python -m benchmarks.make_screen_svg
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from rich.console import Console

from review_cli.io.writer import write_jsonl, write_text
from review_cli.model import Record, Stage
from review_cli.project import Project
from review_cli.stages import init
from review_cli.stages.screen import Card, Session
from review_cli.ui.screen_view import render

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screen.svg"
WIDTH, HEIGHT = 110, 34

PROTOCOL = """\
schema = 1

[review]
title = "Involving unpaid carers in hospital discharge"

[criteria]
include = ["Adults discharged from hospital and their unpaid carers",
           "Interventions that involve carers in discharge planning",
           "Any primary study design reporting outcomes for patients or carers"]
exclude = ["Paediatric or neonatal populations", "Animal studies", "Paid care staff only"]

[[exclusion_reasons]]
code = "population"
label = "Wrong population"

[[exclusion_reasons]]
code = "intervention"
label = "No carer involvement"

[[exclusion_reasons]]
code = "design"
label = "Not a primary study"

[[reviewers]]
name = "alice"

[[reviewers]]
name = "bob"

[screening]
seed = 3

[screening.highlight]
include = ["carer", "caregiver", "discharge", "family"]
exclude = ["children", "paediatric", "mice", "rats"]
"""

STUDIES = [
    ("Involving family carers in discharge planning for older people: a stepped-wedge "
     "cluster trial",
     "Background: Unpaid carers are often left out of hospital discharge planning, although they "
     "provide most of the care that follows. Methods: We randomised 24 medical wards in six "
     "hospitals to a carer-involvement bundle (carer identification at admission, a joint "
     "discharge meeting, a named contact after discharge) in a stepped-wedge design. Primary "
     "outcome was readmission within 30 days; secondary outcomes were carer strain, preparedness "
     "for caregiving and patient-reported quality of transition. Results: 3,412 patients and "
     "2,087 carers took part. Readmission fell from 18.9% to 15.2% (adjusted odds ratio 0.78, 95% "
     "CI 0.64-0.95). Carers in the intervention period reported higher preparedness and no "
     "increase in strain. Conclusions: Routinely involving family carers in discharge planning is "
     "feasible and reduces readmissions of older people; the effect was largest for patients "
     "living with dementia.",
     ("Okafor, N", "Lindqvist, B", "Marsh, T", "Duarte, P"), 2021, "BMJ Quality & Safety",
     ("carers", "patient discharge", "readmission")),
    ("Discharge education for parents of preterm infants in neonatal units",
     "Parents of children leaving the neonatal unit...",
     ("Hale, R",), 2019, "Journal of Perinatology", ("neonatal", "children")),
    ("Caregiver burden after stroke: a cohort study",
     "Family caregiver strain in the year after discharge...",
     ("Ito, K", "Brown, S"), 2018, "Stroke", ("caregiver", "stroke")),
    ("Bone density in ovariectomised rats", "Rats were randomised to...", ("Zhou, L",), 2016,
     "Bone", ("rats",)),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "demo"
        init.run(root)
        project = Project(root)
        write_text(project.protocol_path, PROTOCOL)
        records = []
        for i in range(120):
            title, abstract, authors, year, journal, keywords = STUDIES[i % len(STUDIES)]
            records.append(Record(
                id=f"c{i:03d}demo", source="MEDLINE", title=title if i < 4 else f"{title} ({i})",
                abstract=abstract, authors=authors, year=year, journal=journal, keywords=keywords,
            ))
        write_jsonl(project.records_path, [r.to_json() for r in records])
        clock = iter(range(1_790_000_000, 1_790_100_000, 7))
        session = Session(project, Stage.TITLE_ABSTRACT, "alice", clock=lambda: float(next(clock)))
        cards: list[Card] = []

        def ask(card: Card) -> str:
            cards.append(card)
            if card.record.title.startswith("Involving family carers") and len(cards) > 40:
                return "q"
            if len(cards) > 80:
                return "q"
            if "family carers" in card.record.title:
                return "i"
            if "Caregiver" in card.record.title and card.mode == "decide":
                return "m" if len(cards) < 10 else "e"
            return "r" if card.mode == "decide" else "1"

        session.run(ask)
        card = cards[-1]
        console = Console(record=True, width=WIDTH, height=HEIGHT, file=io.StringIO())
        renderable, _ = render(card, WIDTH, HEIGHT, 0, "", console)
        console.print(renderable)
        OUT.parent.mkdir(exist_ok=True)
        console.save_svg(str(OUT), title="review screen")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
