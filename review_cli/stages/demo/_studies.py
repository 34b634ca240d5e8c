"""The demo's unique studies, their ground-truth labels and which sources found each one.

Everything is drawn from one `random.Random(seed)`, in a fixed order, so the same seed gives the
same studies. The counts below are the demo's PRISMA story: 2,097 records from 13 sources, 1,085
unique studies, 27 removed by the date and language limits, 73 full texts sought, 2 not
retrieved, 61 excluded with reasons and 10 included.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from review_cli.stages.demo import _vocab as vocab

# Records per source, exactly as the protocol names them (sum: 2,097).
DATABASE_COUNTS = {
    "MEDLINE": 352,
    "Embase": 371,
    "PsycINFO": 148,
    "CINAHL": 276,
    "Social Policy and Practice": 124,
    "ASSIA": 137,
    "Web of Science Core Collection": 268,
    "Scopus": 297,
    "HMIC": 67,
}
GREY_COUNTS = {
    "King's Fund": 18,
    "Social Care Institute for Excellence": 14,
    "OpenGrey": 11,
    "Citation searching": 14,
}
SOURCE_COUNTS = {**DATABASE_COUNTS, **GREY_COUNTS}
IDENTIFIED = sum(SOURCE_COUNTS.values())

# Full-text exclusion reasons (protocol codes) and the near-miss topic that produces each.
FULL_TEXT_REASONS = {
    "not-coproduction": ("near_consultation", 18),
    "not-integrated-care": ("near_single", 14),
    "not-qualitative": ("near_quant", 11),
    "research-coproduction": ("near_research", 8),
    "publication-type": ("near_pubtype", 6),
    "wrong-population": ("near_population", 4),
}
TA_EXCLUDED_TOPICS = {  # topic -> weight among records excluded on title and abstract
    "trial": 14, "survey": 12, "research_copro": 10, "single_service": 14,
    "clinical": 22, "integration_quant": 16, "policy": 12,
}
INCLUDED = 10
NOT_RETRIEVED = 2
DATE_OUTSIDE = 20
NOT_ENGLISH = 7

# Studies whose only home is a grey-literature source: (source, ta/ft outcome or topic) plans.
# King's Fund reports are also indexed in HMIC, SCIE's in Social Policy and Practice.
GREY_ALSO_IN = {
    "King's Fund": ("HMIC", 3),
    "Social Care Institute for Excellence": ("Social Policy and Practice", 2),
}
CITATION_DUPLICATES = 4  # citation searching also finds database records


@dataclass
class Study:
    """One unique study with its ground truth and its bibliographic facts."""

    uid: str
    topic: str
    ta: str  # include | exclude | automation
    ft: str = ""  # include | exclude | not-retrieved | "" (not sought)
    reason: str = ""  # full-text exclusion reason or automation reason (date | language)
    kind: str = "article"  # article | report | thesis | protocol | conference
    title: str = ""
    authors: list[tuple[str, str, str]] = field(default_factory=list)  # surname, given, initial
    year: int = 0
    month: int = 1
    journal: int = -1  # index into vocab.JOURNALS, -1 for grey literature
    publisher: str = ""
    place: str = ""
    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    article_no: str = ""
    doi: str = ""
    pmid: str = ""
    abstract_parts: list[tuple[str, str]] = field(default_factory=list)  # (heading, text)
    keywords: list[str] = field(default_factory=list)
    language: str = "English"
    language_code: str = "eng"
    home: str = ""  # the grey source it was made for, "" for database studies
    sources: list[str] = field(default_factory=list)

    @property
    def abstract(self) -> str:
        return " ".join(text for _, text in self.abstract_parts)

    @property
    def structured_abstract(self) -> str:
        return " ".join(f"{head}: {text}" if head else text for head, text in self.abstract_parts)


def _slots(rng: random.Random) -> dict[str, str]:
    themes = rng.sample(vocab.THEMES, 3)
    values = {
        "service": rng.choice(vocab.INTEGRATED_SERVICES),
        "people": rng.choice(vocab.PEOPLE),
        "co_verb": rng.choice(vocab.CO_VERBS),
        "co_noun": rng.choice(vocab.CO_NOUNS),
        "quote": rng.choice(vocab.QUOTES),
        "country": rng.choice(vocab.COUNTRIES),
        "single": rng.choice(vocab.SINGLE_SERVICES),
        "clinical": rng.choice(vocab.CLINICAL_TOPICS),
        "outcome": rng.choice(vocab.OUTCOMES),
        "research": rng.choice(vocab.RESEARCH_THINGS),
        "method": rng.choice(vocab.QUAL_METHODS),
        "analysis": rng.choice(vocab.ANALYSES),
        "theme": themes[0],
        "theme2": themes[1],
        "theme3": themes[2],
        "n": str(rng.randint(12, 60)),
        "N": f"{rng.randint(120, 4800):,}",
        "population": rng.choice(vocab.POPULATIONS),
        "k": str(rng.randint(2, 6)),
    }
    for name in ("co_verb", "co_noun", "clinical", "outcome"):
        values[name.capitalize()] = _upper_first(values[name])
    return values


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


_SECTIONS = {  # topic -> (background, aim, methods, findings, conclusion) vocabulary keys
    "relevant": ("copro", "relevant", "qual", "relevant", "relevant"),
    "near_consultation": ("copro", "near_consultation", "near_consultation", "near", "other"),
    "near_single": ("copro", "near_single", "qual", "near", "relevant"),
    "near_quant": ("copro", "near_quant", "near_quant", "near", "other"),
    "near_research": ("research", "near_research", "qual", "near", "other"),
    "near_pubtype": ("copro", "near_pubtype", "near_pubtype", "", "relevant"),
    "near_population": ("copro", "near_population", "qual", "near", "relevant"),
    "trial": ("trial", "trial", "trial", "trial", "other"),
    "survey": ("survey", "survey", "survey", "survey", "other"),
    "research_copro": ("research", "research_copro", "generic", "generic", "other"),
    "single_service": ("clinical", "single_service", "generic", "generic", "other"),
    "clinical": ("clinical", "clinical", "clinical", "clinical", "other"),
    "integration_quant": ("trial", "integration_quant", "integration_quant", "trial", "other"),
    "policy": ("policy", "policy", "policy", "generic", "other"),
}


def _compose(study: Study, rng: random.Random, used: set[str]) -> None:
    # Two different studies never share a title here (real ones rarely do), so the
    # ground truth's duplicates are exactly the records of one study.
    for _ in range(200):
        slots = _slots(rng)
        study.title = _upper_first(rng.choice(vocab.TITLES[study.topic]).format(**slots))
        if study.title.casefold() not in used:
            break
    used.add(study.title.casefold())
    bg, aim, meth, find, concl = _SECTIONS[study.topic]
    # Abstracts borrow each other's framing now and then, as real ones do, so that relevance is
    # not readable from the first sentence alone.
    if rng.random() < 0.2:
        bg = (
            rng.choice(("copro", "policy", "survey")) if study.ta == "exclude"
            else rng.choice(("policy", "survey"))
        )
    parts = [
        ("Background", rng.choice(vocab.BACKGROUNDS[bg]).format(**slots)),
        ("Aim", rng.choice(vocab.AIMS[aim]).format(**slots)),
        ("Methods", rng.choice(vocab.METHODS[meth]).format(**slots)),
    ]
    if find:
        parts.append(("Findings" if study.topic in ("relevant",) or study.topic.startswith("near")
                      else "Results",
                      rng.choice(vocab.FINDINGS[find]).format(**slots)))
    parts.append(("Conclusions", rng.choice(vocab.CONCLUSIONS[concl]).format(**slots)))
    study.abstract_parts = parts
    pool = vocab.KEYWORDS[
        "relevant" if study.topic == "relevant" or study.topic.startswith("near") else "other"
    ]
    study.keywords = rng.sample(pool, rng.randint(3, 5))


def _people(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    surnames = rng.sample(vocab.SURNAMES, n)
    out = []
    for surname in surnames:
        given = rng.choice(vocab.GIVEN_NAMES)
        initial = rng.choice(vocab.INITIALS) if rng.random() < 0.35 else ""
        out.append((surname, given, initial))
    return out


def _doi_for(study: Study, rng: random.Random) -> str:
    name, _abbrev, issn, publisher, _art = vocab.JOURNALS[study.journal]
    initials = "".join(w[0] for w in name.replace("&", "").split() if w[0].isupper()).lower()
    number = rng.randint(10000, 99999)
    prefix = {
        "Wiley": "10.1111", "BioMed Central": "10.1186", "Ubiquity Press": "10.5334",
        "BMJ Publishing Group": "10.1136", "Elsevier": "10.1016", "Taylor & Francis": "10.1080",
        "SAGE": "10.1177", "Oxford University Press": "10.1093",
        "Emerald": "10.1108", "Cambridge University Press": "10.1017", "Springer": "10.1007",
        "Royal College of General Practitioners": "10.3399", "NIHR Journals Library": "10.3310",
    }[publisher]
    return f"{prefix}/{initials}.{study.year}.{number}"


def _bibliography(study: Study, rng: random.Random) -> None:
    study.authors = _people(
        rng, rng.choices((1, 2, 3, 4, 5, 6, 8, 12), (3, 10, 16, 18, 16, 14, 8, 3))[0]
    )
    study.month = rng.randint(1, 12)
    if study.kind in ("report", "thesis"):
        return
    study.journal = rng.randrange(len(vocab.JOURNALS))
    name, _abbrev, _issn, publisher, article_numbers = vocab.JOURNALS[study.journal]
    study.publisher = publisher
    study.volume = str(study.year - rng.choice((1990, 1995, 2000, 2005, 2008)))
    study.issue = str(rng.randint(1, 12)) if rng.random() < 0.85 else ""
    if article_numbers:
        study.article_no = (
            f"e0{rng.randint(10000, 69999)}" if name == "BMJ Open" else str(rng.randint(1, 999))
        )
    else:
        first = rng.randint(20, 1800)
        study.first_page = str(first)
        study.last_page = str(first + rng.randint(6, 16))
    if rng.random() < 0.92:
        study.doi = _doi_for(study, rng)


def _grey(study: Study, rng: random.Random, source: str) -> None:
    if source == "Citation searching":
        return  # found by citation searching: an ordinary journal article
    study.kind = "thesis" if source == "OpenGrey" and rng.random() < 0.5 else "report"
    if source in vocab.GREY_PUBLISHERS and vocab.GREY_PUBLISHERS[source][0]:
        study.publisher, study.place, _ = vocab.GREY_PUBLISHERS[source]
    else:
        study.publisher, study.place = rng.choice(vocab.GREY_INSTITUTIONS), ""
    study.first_page = str(rng.randint(20, 140))  # number of pages of the report


def build(seed: int) -> list[Study]:
    """Every unique study, with labels, bibliography and the sources that found it."""
    rng = random.Random(seed)
    plans: list[tuple[str, str, str, str, str]] = []  # (home, topic, ta, ft, reason)
    # Grey-literature homes: King's Fund and citation searching each hold one included study.
    grey_plan = {
        "King's Fund": [("relevant", "include", "include", ""),
                        ("near_consultation", "include", "exclude", "not-coproduction")],
        "Social Care Institute for Excellence": [
            ("near_population", "include", "exclude", "wrong-population")
        ],
        "OpenGrey": [("relevant", "include", "not-retrieved", "")],
        "Citation searching": [("relevant", "include", "include", ""),
                               ("near_quant", "include", "exclude", "not-qualitative"),
                               ("near_single", "include", "exclude", "not-integrated-care")],
    }
    grey_topics = {"King's Fund": ("policy", "integration_quant", "survey"),
                   "Social Care Institute for Excellence": ("policy", "survey", "research_copro"),
                   "OpenGrey": ("policy", "survey", "clinical", "single_service"),
                   "Citation searching": ("trial", "integration_quant", "survey")}
    grey_homes = {"King's Fund": 18, "Social Care Institute for Excellence": 14, "OpenGrey": 11,
                  "Citation searching": 10}
    reasons_left = {code: n for code, (_topic, n) in FULL_TEXT_REASONS.items()}
    for source, n in grey_homes.items():
        planned = grey_plan[source]
        for topic, ta, ft, reason in planned:
            plans.append((source, topic, ta, ft, reason))
            if reason:
                reasons_left[reason] -= 1
        for _ in range(n - len(planned)):
            plans.append((source, rng.choice(grey_topics[source]), "exclude", "", ""))
    n_grey = len(plans)
    # Database studies.
    for _ in range(INCLUDED - 2):
        plans.append(("", "relevant", "include", "include", ""))
    plans.append(("", "relevant", "include", "not-retrieved", ""))
    for code, left in reasons_left.items():
        plans.extend(
            ("", FULL_TEXT_REASONS[code][0], "include", "exclude", code) for _ in range(left)
        )
    topics, weights = zip(*TA_EXCLUDED_TOPICS.items(), strict=True)
    for _ in range(DATE_OUTSIDE):
        plans.append(("", rng.choice(("relevant", *topics)), "automation", "", "date"))
    for _ in range(NOT_ENGLISH):
        plans.append(("", rng.choice(("relevant", "near_consultation", *topics)),
                      "automation", "", "language"))
    unique = 1085
    while len(plans) < unique:
        plans.append(("", rng.choices(topics, weights)[0], "exclude", "", ""))

    studies: list[Study] = []
    used: set[str] = set()
    for number, (home, topic, ta, ft, reason) in enumerate(plans, start=1):
        study = Study(uid=f"S{number:04d}", topic=topic, ta=ta, ft=ft, reason=reason, home=home)
        study.year = rng.randint(2012, 2022)
        if reason == "date":
            study.year = rng.choice((2008, 2009, 2010, 2011, 2011, 2023))
        if topic == "near_pubtype":
            study.kind = rng.choice(("protocol", "conference"))
        if home:
            _grey(study, rng, home)
        _bibliography(study, rng)
        _compose(study, rng, used)
        if reason == "language":
            study.language, study.language_code = rng.choice(vocab.LANGUAGES)
        studies.append(study)

    _allocate(studies[n_grey:], studies[:n_grey], rng)
    for study in studies:
        if "MEDLINE" in study.sources:
            study.pmid = str(rng.randint(22_000_000, 36_999_999))
    return studies


def _allocate(db_studies: list[Study], grey_studies: list[Study], rng: random.Random) -> None:
    """Give each study its sources so every source holds exactly its count of records."""
    capacity = dict(DATABASE_COUNTS)
    for study in grey_studies:
        study.sources = [study.home]
    for grey, (db, n) in GREY_ALSO_IN.items():
        for study in [s for s in grey_studies if s.home == grey][:n]:
            study.sources.append(db)
            capacity[db] -= 1
    # Citation searching also finds some included and full-text studies already in databases.
    sought = [s for s in db_studies if s.ta == "include"]
    for study in rng.sample(sought, CITATION_DUPLICATES):
        study.sources.append("Citation searching")

    def draw_k(study: Study) -> int:
        if study.ft == "include":
            return rng.randint(5, 8)
        if study.ta == "include":
            return rng.randint(2, 6)
        if study.ta == "automation":
            return rng.randint(1, 3)
        return rng.choices((1, 2, 3, 4, 5, 6), (40, 27, 16, 10, 5, 2))[0]

    ks = {s.uid: draw_k(s) for s in db_studies}
    total = sum(capacity.values())
    adjustable = [s for s in db_studies if s.ta == "exclude"]
    while sum(ks.values()) != total:
        study = rng.choice(adjustable)
        step = 1 if sum(ks.values()) < total else -1
        if 1 <= ks[study.uid] + step <= 6:
            ks[study.uid] += step
    for study in sorted(db_studies, key=lambda s: (-ks[s.uid], s.uid)):
        chosen: list[str] = []
        for _ in range(ks[study.uid]):
            names = [n for n, c in capacity.items() if c > 0 and n not in chosen]
            if not names:
                raise RuntimeError(f"cannot place {study.uid} in {ks[study.uid]} sources")
            weights = [capacity[n] * (0.05 if n == "MEDLINE" and study.journal >= 0
                                      and not vocab.JOURNALS[study.journal][1] else 1)
                       for n in names]
            pick = rng.choices(names, weights)[0]
            chosen.append(pick)
            capacity[pick] -= 1
        study.sources = ([n for n in SOURCE_COUNTS if n in chosen]
                         + [n for n in study.sources if n not in chosen])
    assert all(c == 0 for c in capacity.values()), capacity
