"""A large synthetic dedup set: realistic-looking records and perturbed copies of them.

Works are built from a medical vocabulary (titles shaped like real ones, surnames, journals
with their ISO 4 abbreviations), then each duplicate is perturbed the way database exports
differ: case, a trailing period, `[Review] [n refs]` notes, translated-title brackets, inline
HTML, abbreviated or missing journal, author formats (`Smith, J. A.`, `Smith JA`, `J A Smith`,
truncated lists), page styles (`1234-45`, first page only), missing DOI, volume or issue. Hard
negatives are mixed in: errata, series parts, same-title-other-year works, an editor's column in
consecutive issues of one volume, and the same author's other article at the same pages of
another issue (journals that start every issue at page 1), which must never merge. Deterministic
for a seed.
"""

from __future__ import annotations

import random
from typing import Any

from review_cli.io import normalise
from review_cli.model import Record

_TOPICS = (
    "asthma copd pneumonia bronchiectasis tuberculosis sepsis diabetes obesity hypertension stroke "
    "heart-failure atrial-fibrillation depression anxiety schizophrenia dementia migraine epilepsy "
    "osteoarthritis psoriasis eczema hepatitis cirrhosis pancreatitis colitis crohn's-disease "
    "anaemia leukaemia lymphoma melanoma glioma mesothelioma pleural-effusion empyema influenza "
    "covid-19 hiv malaria cervical-cancer breast-cancer prostate-cancer lung-cancer "
    "colorectal-cancer"
).split()
_INTERVENTIONS = (
    "exercise yoga acupuncture metformin insulin statins aspirin vitamin-d probiotics "
    "cognitive-behavioural-therapy mindfulness telemonitoring home-visits nurse-led-care "
    "text-message-reminders school-based-education surgery radiotherapy chemotherapy immunotherapy "
    "eculizumab rituximab tiotropium salbutamol streptokinase dnase antibiotics corticosteroids"
).split()
_POPULATIONS = (
    "children adolescents adults older-adults women men pregnant-women nursing-home-residents "
    "primary-care-patients veterans smokers athletes refugees health-workers inpatients outpatients"
).split()
_PLACES = (
    "China India Brazil Kenya Sweden Italy Mexico Japan Nigeria Canada Australia Germany Spain "
    "Iran Egypt"
).split()
_SHAPES = (
    "Effect of {i} on {t} in {p} in {c}: a randomised controlled trial",
    "{i} for {t} in {p} from {c}: a systematic review and meta-analysis",
    "Association between {i} and {t} among {p} in {c}",
    "Long-term outcomes of {i} in {p} with {t} in {c}",
    "Cost-effectiveness of {i} for {t} in {c}",
    "Prevalence and risk factors of {t} among {p} in {c}: a cross-sectional study",
    "{i} versus usual care for {t}: a pragmatic trial in {c}",
    "Barriers to {i} for {p} with {t} in {c}: a qualitative study",
)
_SURNAMES = (
    "Smith Jones Wang Li Zhang Garcia Martinez Rossi Muller Schmidt Kowalski Nguyen Kim Park Sato "
    "Suzuki Okafor Adeyemi Mensah Silva Santos Oliveira Ferreira Costa Andersson Johansson Nielsen "
    "Hansen Dubois Moreau Lefebvre Novak Horvath Papadopoulos Cohen Levi Khan Ahmed Ali Hassan "
    "Singh Patel Sharma Gupta O'Brien MacDonald van-der-Berg de-Jong Le-Quintrec Fernandez Lopez "
    "Gonzalez"
).split()
# Real author lists are spread over many thousands of surnames: add made-up ones from syllables.
_SURNAMES = _SURNAMES + [
    (a + b).capitalize()
    for a in (
        "ab al an ar ba be bo ca co da de do el fa fe ga go ha he ja jo ka ki ko la le li lo ma me "
        "mi mo na ne no pa pe po ra re ri ro sa se si so ta te to va ve vo wa we ya yo za"
    ).split()
    for b in (
        "dor lin sen ter ski vic nen son man ner ley ton rez tti ani oku ura aki sch berg feld "
        "stad holm ova eva ini"
    ).split()
]
_GIVEN = (
    "John Maria Wei Li Ana Peter Anna Kofi Yuki Carlos Sofia Ahmed Priya Lars Eva Jan Ines Omar "
    "Mei Paolo"
).split()
# (full name, ISO 4 abbreviation)
_JOURNALS = (
    ("Journal of the American Medical Association", "J Am Med Assoc"),
    ("New England Journal of Medicine", "N Engl J Med"),
    ("American Journal of Respiratory and Critical Care Medicine", "Am J Respir Crit Care Med"),
    ("European Respiratory Journal", "Eur Respir J"),
    ("British Journal of Surgery", "Br J Surg"),
    ("Journal of Clinical Oncology", "J Clin Oncol"),
    ("Pediatric Nephrology", "Pediatr Nephrol"),
    ("Nature Reviews Nephrology", "Nat Rev Nephrol"),
    ("Clinical Infectious Diseases", "Clin Infect Dis"),
    ("Journal of Infectious Diseases", "J Infect Dis"),
    ("Diabetes Care", "Diabetes Care"),
    ("Diabetologia", "Diabetologia"),
    ("Annals of Internal Medicine", "Ann Intern Med"),
    ("Archives of Disease in Childhood", "Arch Dis Child"),
    ("International Journal of Epidemiology", "Int J Epidemiol"),
    ("Journal of Epidemiology and Community Health", "J Epidemiol Community Health"),
    ("BMC Public Health", "BMC Public Health"),
    (
        "Proceedings of the National Academy of Sciences of the United States of America",
        "Proc Natl Acad Sci U S A",
    ),
    ("Cochrane Database of Systematic Reviews", "Cochrane Database Syst Rev"),
    ("Obstetrics and Gynecology", "Obstet Gynecol"),
    ("American Journal of Obstetrics and Gynecology", "Am J Obstet Gynecol"),
    ("Journal of Parenteral and Enteral Nutrition", "JPEN J Parenter Enteral Nutr"),
    ("Chinese Journal of Tuberculosis and Respiratory Diseases", "Zhonghua Jie He He Hu Xi Za Zhi"),
    ("Thorax", "Thorax"),
    ("Chest", "Chest"),
)


def _title(rng: random.Random) -> str:
    shape = rng.choice(_SHAPES)
    words = {
        "t": rng.choice(_TOPICS).replace("-", " "),
        "i": rng.choice(_INTERVENTIONS).replace("-", " "),
        "p": rng.choice(_POPULATIONS).replace("-", " "),
        "c": rng.choice(_PLACES),
    }
    title = shape.format(**words)
    if rng.random() < 0.85:  # real titles name rare things: genes, drugs, markers, places
        title += rng.choice((
            " and {m} levels", ": the role of {m}", " after {m} exposure", " ({m} cohort)"
        )).format(m=_term(rng))
    if rng.random() < 0.7:  # a distinguishing detail, as real titles have
        title += rng.choice((
            (
                f" ({rng.choice(['the', 'a'])} "
                f"{rng.choice(['ALPHA', 'BREATHE', 'STEP', 'CARE', 'HOPE', 'PULSE'])}"
                f"-{rng.randint(1, 99)} study)"
            ),
            f": {rng.randint(2, 15)}-year follow-up",
            f" in {rng.randint(2, 40)} centres",
            f" with {rng.choice(_INTERVENTIONS).replace('-', ' ')}",
        ))
    return title[0].upper() + title[1:]


_SYL = "al be cor da en fi ga hex id jo ka lu mo nex ox pra qui ro sul ta um vi xe yl zo".split()
_END = "mab nib zole pril sartan statin mide cin vir tide ase in ol one ate ide ine".split()


def _term(rng: random.Random) -> str:
    """A rare name (a drug, gene or marker): about 24*24*17 of them, plus numbered markers."""
    if rng.random() < 0.3:
        return (
            f"{rng.choice(['IL', 'CD', 'HLA', 'TNF', 'miR', 'rs', 'HPV', 'BRCA'])}"
            f"-{rng.randint(1, 999)}"
        )
    return rng.choice(_SYL) + rng.choice(_SYL) + rng.choice(_END)


def _work(rng: random.Random, n: int) -> dict[str, Any]:
    journal = rng.choice(_JOURNALS)
    first = rng.randint(1, 2400)
    authors = [
        (
            rng.choice(_SURNAMES).replace("-", " "), rng.choice(_GIVEN),
            rng.choice("ABCDEFGHJKLMNPRST"),
        )
        for _ in range(rng.randint(1, 8))
    ]
    return {
        "title": _title(rng),
        "authors": authors,
        "year": rng.randint(1985, 2024),
        "journal": journal,
        "volume": str(rng.randint(1, 400)),
        "issue": str(rng.randint(1, 12)),
        "pages": (first, first + rng.randint(2, 14)),
        "doi": f"10.{rng.randint(1000, 9999)}/synth.{n}",
        "abstract": "",
    }


def _author(a: tuple[str, str, str], style: int) -> str:
    surname, given, middle = a
    return (
        f"{surname}, {given} {middle}.",
        f"{surname}, {given[0]}. {middle}.",
        f"{surname} {given[0]}{middle}",
        f"{given[0]}. {middle}. {surname}",
    )[style]


def _render(work: dict[str, Any], rng: random.Random, copy: int) -> dict[str, Any]:
    """One export's version of a work; copy 0 is the cleanest."""
    title = work["title"]
    if copy:
        r = rng.random()
        if r < 0.25:
            title = title.lower().capitalize()
        elif r < 0.35:
            title = title.upper()
        elif r < 0.45:
            title = f"[{title}]"
        elif r < 0.55:
            title = f"{title}. [Review] [{rng.randint(10, 90)} refs]"
        elif r < 0.6:
            words = title.split()
            k = rng.randrange(len(words))
            words[k] = f"<i>{words[k]}</i>"
            title = " ".join(words)
        if rng.random() < 0.5:
            title += "."
    style = rng.randrange(4) if copy else 0
    authors = [_author(a, style) for a in work["authors"]]
    if copy and len(authors) > 3 and rng.random() < 0.2:
        authors = authors[:3]
    if copy and rng.random() < 0.03:
        authors = []
    full, abbrev = work["journal"]
    journal = abbrev if copy and rng.random() < 0.5 else full
    if copy and rng.random() < 0.05:
        journal = ""
    first, last = work["pages"]
    pages = f"{first}-{last}"
    if copy:
        r = rng.random()
        if r < 0.3 and len(str(last)) == len(str(first)):
            pages = f"{first}-{str(last)[-2:]}" if first >= 100 else pages
        elif r < 0.4:
            pages = str(first)
        elif r < 0.45:
            pages = ""
    return {
        "title": title,
        "authors": authors,
        "year": str(work["year"]),
        "journal": journal,
        "volume": work["volume"] if not (copy and rng.random() < 0.1) else "",
        "issue": work["issue"] if not (copy and rng.random() < 0.3) else "",
        "pages": pages,
        "doi": work["doi"] if not (copy and rng.random() < 0.4) else "",
        "type": "JOUR",
    }


def synthetic_set(
    n: int, seed: int = 7, duplicate_share: float = 0.35
) -> tuple[list[Record], dict[str, str]]:
    """`n` records, about `duplicate_share` of them copies of another;
    (records, record id -> true group)."""
    rng = random.Random(seed)
    records: list[Record] = []
    truth: dict[str, str] = {}
    works = 0

    def add(raw: dict[str, Any], group: str) -> None:
        rid = f"s{len(records):07d}"
        records.append(Record(id=rid, source="synthetic", **normalise.fields(raw)))
        truth[rid] = group

    while len(records) < n:
        work = _work(rng, works)
        group = f"w{works}"
        works += 1
        copies = 1
        if rng.random() < duplicate_share / (1 - duplicate_share) / 1.6:
            copies += rng.choice((1, 1, 1, 2, 2, 3))
        for c in range(copies):
            if len(records) < n:
                add(_render(work, rng, c), group)
        r = rng.random()
        if r < 0.01 and len(records) < n:  # an erratum to this work: another item
            add({
                **_render(work, rng, 0), "title": f"Erratum: {work['title']}",
                "pages": str(rng.randint(1, 2400)), "doi": "",
            }, f"e{works}")
        elif r < 0.02 and len(records) < n:  # the next part of a series
            add({
                **_render(work, rng, 0), "title": work["title"] + ": part 2",
                "pages": f"{work['pages'][1] + 1}-{work['pages'][1] + 9}", "doi": "",
            }, f"p{works}")
        elif r < 0.03 and len(records) < n:  # same title, another year (an update)
            add({
                **_render(work, rng, 0), "year": str(work["year"] + 3),
                "volume": str(int(work["volume"]) + 3), "doi": "",
            }, f"u{works}")
        elif r < 0.035 and len(records) < n:  # the editor's column in the next issues
            column = {**_render(work, rng, 0), "title": rng.choice(_COLUMNS), "doi": "",
                      "authors": [_author(work["authors"][0], 0)], "pages": ""}
            for issue in range(1, 1 + rng.randint(2, 4)):
                if len(records) < n:
                    add({**column, "issue": str(issue)}, f"c{works}-{issue}")
        elif r < 0.04 and len(records) < n:  # the author's other article at the same pages
            add({
                **_render(work, rng, 0), "title": _title(rng), "doi": "",
                "issue": str(int(work["issue"]) % 12 + 1),
            }, f"o{works}")
    return records, truth


# Recurring titles: one per issue, never one work.
_COLUMNS = (
    "Editor's Comments", "Editorial", "In this issue", "From the Editor",
    "Remarks from the Editor - Editor's Comments", "Message from the Editor-in-Chief",
)
