"""Every true pair of the shared dedup sets that `review dedup` does not merge, with the reason.

Record ids are `record_id` in `shared/data/dedup/<set>/records.csv`. Each pair was read side by
side (title, authors, year, journal, volume, issue, pages, DOI, abstract) and put in one class:

- `label`: a label error, two different documents in one true cluster (an erratum and its
  article, a letter and the reply, two trials, two meeting abstracts ...). Merging them is what
  the issue's guards forbid, so the rules were not tuned to them.
- `doubtful`: the records cannot tell; kept apart because merging would need a rule that also
  merges an erratum or a second abstract.
- `miss`: a real duplicate we do not merge automatically (the reason says where it goes).

`benchmarks/bench_dedup.py` reports the sensitivity with the `label` pairs left out, and
`tests/test_dedup_shared.py` fails when a pair is missed that is not listed here.
"""

from __future__ import annotations

Pair = tuple[str, str]

_ERRATUM_NEJM = (
    "erratum notice NEJM 360(23):2487, one page, its title cites the article (`vol 360, pg 542`); "
    "the article is 360(5):542-544"
)
_ERRATUM_AJT = (
    "article AJT 9(5):1223-1229 vs a one-page item in a later issue (9(9):2205, 9(11):2647); 117's "
    "own title says `[Erratum appears in Am J Transplant 2009 Sep;9(9):2205]`"
)
_LETTER_REPLY = (
    "the letter (Yildiz, Kural, Yarar; 943-944) and the authors' reply (Shepherd, Palmer, Baliga; "
    "945, title `- Reply`) are two items; Embase's record 8 (`(multiple letters)`, 943-945, all "
    "six names) indexes both, so it can join only one: we join it to the letter; the reply's "
    "title (`- Reply`) reads as a comment, so record 8 is kept apart from it (queued before "
    "round 7c)"
)
_TRIALS = (
    "four registry records of one sponsor: adult vs adolescent x plasma-therapy-sensitive vs "
    "-resistant are four different trials"
)
_ERRATUM_PNAS = (
    "`Erratum: ...` in PNAS 104(25) (page `19`), its title citing the Proceedings, vs the article "
    "104(1):240-245"
)
_INCRETIN = (
    "two meeting abstracts of one team in DMRR 30 Suppl 3: p51 (Chen, Wang, Liang; `Objective: ... "
    "internal and exogenous incretin ...`) vs p52 (Chen, Wang, Yan, Wang, Liang; `Background: ... "
    "exenatide and sitagliptin ... VCAM-1 and ICAM-1 ...`): other pages, authors and text; the "
    "shared DOI 10.1002/dmrr.2604 is the supplement's. ASySD's own labels (asysd_source) keep one "
    "record of each as `unique` (275 and 1758); only the cluster file joins them"
)

MISSES: dict[str, dict[Pair, tuple[str, str]]] = {
    "haematology": {
        ("39", "8"): ("label", _LETTER_REPLY),
        ("39", "9"): ("label", _LETTER_REPLY),
        ("40", "8"): ("label", _LETTER_REPLY),
        ("40", "9"): ("label", _LETTER_REPLY),
        ("52", "807"): ("label", _ERRATUM_AJT),
        ("52", "808"): ("label", _ERRATUM_AJT),
        ("117", "807"): ("label", _ERRATUM_AJT),
        ("117", "808"): ("label", _ERRATUM_AJT),
        ("807", "808"): (
            "label",
            "two one-page notices on the article, AJT 9(9):2205 and 9(11):2647: two errata",
        ),
        ("57", "63"): ("label", _ERRATUM_NEJM),
        ("57", "64"): ("label", _ERRATUM_NEJM),
        ("57", "65"): ("label", _ERRATUM_NEJM),
        ("58", "63"): ("label", _ERRATUM_NEJM),
        ("58", "64"): ("label", _ERRATUM_NEJM),
        ("58", "65"): ("label", _ERRATUM_NEJM),
        ("161", "162"): (
            "label",
            "article AJH 85(8):553-559 (its title: `[Erratum appears in Am J Hematol 2010 "
            "Nov;85(11):911]`) vs that erratum, 85(11):911, author `Hillmen,` only, title citing "
            "`(vol 85, pg 553, 2010)`",
        ),
        ("1173", "175"): ("label", _ERRATUM_PNAS),
        ("1173", "190"): ("label", _ERRATUM_PNAS),
        ("1173", "191"): ("label", _ERRATUM_PNAS),
        ("128", "129"): (
            "label",
            "a one-page item, Pediatr Nephrol 25(9):1875 with six authors, three issues before the "
            "four-page case report 25(12):2539-2542 with seven: one page is a meeting abstract (or "
            "a notice), not the case report",
        ),
        ("220", "221"): (
            "label",
            "the same pattern: a one-page item, Pediatr Nephrol 22(9):1514 with seven authors, vs "
            "the four-page article 22(12):2129-2132 with eight",
        ),
        ("134", "135"): (
            "label",
            "one study's abstract at two meetings: Br J Haematol 145 Suppl 1 p23 and Haematologica "
            "94 Suppl 2 p239-240, two publications",
        ),
        ("234", "235"): ("label", _TRIALS),
        ("234", "236"): ("label", _TRIALS),
        ("234", "237"): ("label", _TRIALS),
        ("235", "236"): ("label", _TRIALS),
        ("235", "237"): ("label", _TRIALS),
        ("236", "237"): ("label", _TRIALS),
        ("245", "246"): ("label", "two trials: adult plasma-therapy-resistant vs -sensitive aHUS"),
        ("1188", "1189"): (
            "doubtful",
            "same title and four authors at pages 22 and 52 of one congress supplement (Pediatr "
            "Transplant 15): printed twice or one page wrong; pages apart is what separates an "
            "erratum, so not merged",
        ),
        ("818", "819"): (
            "miss",
            "NEJM letter under two titles (`Eculizumab in ...` 364(26):2561-2563 vs `Complement "
            "Blockade in ...`, most likely the online-first title), one record without volume or "
            "pages: only the five authors tie them; queued for a person "
            "(`same-authors-other-title`)",
        ),
    },
    "diabetes": {
        (a, b): ("label", _INCRETIN)
        for a in ("1726", "1727", "1758", "1759")
        for b in ("273", "274", "275", "276")
    },
    "respiratory": {
        ("10", "9"): (
            "doubtful",
            "Aizheng 28:1324-1327 vs `Chinese Journal of Cancer` 28:84-87 (an English edition?): "
            "same title and authors, other pages; not merged",
        ),
        ("10", "11"): ("doubtful", "as 10 vs 9"),
        ("49", "893"): (
            "label",
            "PLoS ONE 7:e43268 article (nine authors) vs a J Clin Oncol 30 meeting abstract (three "
            "authors, no pages)",
        ),
        ("50", "893"): ("label", "as 49 vs 893"),
        ("213", "709"): (
            "label",
            "two NEJM letters under one heading, by Rosa and by Bouros (pages `2243-5; author "
            "reply 2243-5`)",
        ),
        ("418", "420"): (
            "label",
            "Cochrane review CD006828: the 2012 update (five authors) vs the 2008 version (four)",
        ),
        ("419", "420"): ("label", "as 418 vs 420"),
        ("985", "986"): (
            "label",
            "Tallman 1996 in Leukemia 10:1262-1268 vs Leukemia 10 Suppl 2:S33-38: two printings at "
            "two places",
        ),
    },
    "cytology_screening": {
        ("228", "229"): (
            "miss",
            "J Med Microbiol 53:125-128 vs pages `2-8` (a corrupt page field, its neighbour 227 "
            "has `t-20`); other pages keep an erratum apart, so not merged",
        ),
        ("516", "517"): (
            "label",
            "two abstracts on one page: ASC-US with `atypical repair` vs with `atrophy`, other "
            "co-authors (Samad vs Mettler)",
        ),
    },
}


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def listed(name: str) -> dict[Pair, tuple[str, str]]:
    """The set's listed misses, keyed by the ordered pair the benchmark uses."""
    return {pair(*p): v for p, v in MISSES.get(name, {}).items()}
