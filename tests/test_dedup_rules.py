"""The labelled hard cases: one `case` per pair, with why the verdict is right.

Each case compares two records the way `review dedup` does (normalised as `review import`
would). "not-duplicate" accepts different or uncertain: the pair must never merge on its own.
Many cases reproduce pairs met in the shared benchmark sets (Rathbone, ASySD diabetes).
"""

from __future__ import annotations

from typing import Any

import pytest

from review_cli.io import normalise
from review_cli.model import Record
from review_cli.stages.dedup._keys import journal_words, journals_match, make_key, page_span
from review_cli.stages.dedup._match import dedup_records
from review_cli.stages.dedup._rules import Verdict, compare

ART = {
    "title": ("Anti-factor H autoantibodies in a fifth renal transplant recipient with atypical "
              "hemolytic uremic syndrome"),
    "authors": ["Le Quintrec, M.", "Zuber, J.", "Noel, L. H."],
    "year": "2009", "journal": "American Journal of Transplantation", "volume": "9", "issue": "5",
    "pages": "1223-1229",
}
NEJM = {
    "title": "Eculizumab for atypical hemolytic-uremic syndrome",
    "authors": ["Nurnberger, J.", "Philipp, T.", "Witzke, O."],
    "year": "2009", "journal": "New England Journal of Medicine", "volume": "360", "issue": "5",
    "pages": "542-544",
}
TRIAL = {
    "title": ("Intrapleural fibrinolytics for pleural infection in children: a randomised "
              "controlled trial"),
    "authors": ["Lindqvist, B", "Okafor, N", "Chen, L"],
    "year": "2018", "journal": "Lancet Respiratory Medicine", "volume": "6", "pages": "410-418",
}
ABSTRACT = "Background: " + " ".join(f"word{i}" for i in range(60)) + " results conclusions."


def rec(base: dict[str, Any], **changes: Any) -> Record:
    raw = {**base, **changes}
    return Record(id=str(abs(hash(repr(sorted(raw.items()))))), source="test",
                  **normalise.fields(raw))


def case(id_: str, a: dict[str, Any], b: dict[str, Any], expect: str, why: str) -> Any:
    return pytest.param(a, b, expect, id=id_, marks=pytest.mark.dedup_case(why))


CASES = [
    case("abbreviated-journal", ART,
         {**ART, "journal": "Am J Transplant", "authors": ["Le Quintrec M", "Zuber J", "Noel LH"]},
         "duplicate", "ISO 4 abbreviation and `Smith AB` author form are the same article"),
    case("case-and-period", ART, {**ART, "title": ART["title"].upper() + "."}, "duplicate",
         "case and a final period are export noise"),
    case("translated-title-brackets", ART, {**ART, "title": f"[{ART['title']}]"}, "duplicate",
         "MEDLINE brackets translated titles"),
    case("bilingual-title",
         {**ART, "title": "[Are antimicrobials useful in closed thoracostomy due to trauma?]"},
         {**ART, "title": ("Utilidad de los antimicrobianos en la toracostomia cerrada por trauma; "
                           "Are antimicrobials useful in closed thoracostomy due to trauma?")},
         "duplicate", "Embase gives `original; English`"),
    case("review-notes", ART, {**ART, "title": ART["title"] + ". [Review] [33 refs]"}, "duplicate",
         "Ovid appends [Review] [n refs]"),
    case("erratum-appears-note", NEJM,
         {**NEJM,
          "title": NEJM["title"] + ".[Erratum appears in N Engl J Med. 2009 Jun 4;360(23):2487]"},
         "duplicate", "the note says an erratum exists; this record is still the article"),
    case("page-styles", NEJM, {**NEJM, "pages": "542-4"}, "duplicate", "`542-4` is `542-544`"),
    case("excel-mangled-pages", {**ART, "pages": "1-4"}, {**ART, "pages": "01-Apr"}, "duplicate",
         "a spreadsheet turned 1-4 into a date"),
    case("e-locator-vs-print-pages", {**TRIAL, "pages": "e12724"}, {**TRIAL, "pages": "1-9"},
         "duplicate", "an e-number and print pages locate the same article"),
    case("doi-url-forms", {**NEJM, "doi": "https://doi.org/10.1056/NEJMc0809131"},
         {**NEJM, "doi": "10.1056/nejmc0809131", "title": NEJM["title"].upper()},
         "duplicate", "DOI case and resolver prefix differ"),
    case("inline-html",
         {**NEJM, "title": "Exenatide inhibits the K<inf>Ca</inf>3.1 channels",
          "doi": "10.6515/ACS20170612B"},
         {**NEJM, "title": "Exenatide Inhibits the KCa3.1 Channels", "doi": "10.6515/acs20170612b"},
         "duplicate", "markup inside a word is not a space"),
    case("group-author", {**ART, "authors": ["ALTS Group"]}, {**ART, "authors": ["Solomon, D"]},
         "duplicate", "a corporate author cannot be compared with a person; title and place agree"),
    case("wrong-doi-same-abstract",
         {**TRIAL, "doi": "10.1016/j.regpep.2012.05.039", "abstract": ABSTRACT},
         {**TRIAL, "doi": "10.1016/j.appet.2012.05.003", "abstract": ABSTRACT},
         "duplicate", "Embase gave a meeting abstract another item's DOI; text and place agree"),
    case("proceedings-acronym",
         {"title": "How consumers perceive trustworthiness of providers in sharing economy",
          "authors": ["Deng, Chaoqun", "Ravichandran, T."], "year": "2017",
          "journal": "Americas Conference on Information Systems", "type": "inproceedings"},
         {"title": "How Consumers Perceive Trustworthiness of Providers in Sharing Economy",
          "authors": ["Deng, Chaoqun", "Ravichandran, Thiagarajan"], "year": "2017",
          "journal": "AMCIS 2017 Proceedings", "type": "inproceedings"},
         "duplicate", "AMCIS is the acronym of the conference"),
    case("same-erratum-twice", {**ART, "title": "Erratum: " + ART["title"], "pages": "616"},
         {**ART, "title": ART["title"], "pages": "616"},
         "duplicate", "one page, one notice: both records are the erratum"),
    case("compound-surname-epub-year",
         {**TRIAL, "authors": ["Howard Sharp, K. M.", "Willard, V. W."], "year": "2015",
          "doi": "10.1093/jpepsy/jsv036"},
         {**TRIAL, "authors": ["Sharp, K. M. H.", "Willard, V. W."], "year": "2014",
          "doi": "10.1093/jpepsy/jsv036"},
         "duplicate", "a compound surname split two ways; epub and print years one apart"),
    case("online-journal-page-1",
         {"title": "Diving dinosaurs? Caveats on the use of bone compactness",
          "authors": ["Myhrvold, N. P."], "year": "2024", "journal": "PLoS ONE", "volume": "19",
          "pages": "1-79"},
         {"title": "A new oviraptorosaur from the Hell Creek Formation",
          "authors": ["Atkins-Weltman, K. L."], "year": "2024", "journal": "PLoS ONE",
          "volume": "19", "pages": "1-27"},
         "different", "online journals start every article at page 1: page 1 identifies nothing"),
    case("generic-short-title",
         {"title": "Editorial", "authors": ["Smith, J"], "year": "2019", "journal": "Thorax",
          "volume": "74", "pages": "1-2"},
         {"title": "Editorial", "authors": ["Jones, K"], "year": "2019", "journal": "Thorax",
          "volume": "74"},
         "not-duplicate", "two editorials of one volume share only a one-word title"),
    case("erratum-vs-article", ART,
         {**ART, "title": "Erratum: " + ART["title"], "pages": "2205", "issue": "9"},
         "different", "an erratum is another item than the article it corrects"),
    case("wos-erratum-citation", NEJM,
         {**NEJM, "title": NEJM["title"] + " (vol 360, pg 542, 2009)", "issue": "23",
          "pages": "2487"},
         "different", "WoS cites the corrected article in the erratum's title"),
    case("embase-erratum-citation", NEJM,
         {**NEJM,
          "title": NEJM["title"] + " (New England Journal of Medicine (2009) 360 (542-544))",
          "pages": "2487"},
         "different", "Embase cites the corrected article in the erratum's title"),
    case("comment-vs-article", TRIAL,
         {**TRIAL, "title": "Comment on: " + TRIAL["title"], "authors": ["Rosa, U"],
          "pages": "e33"},
         "different", "a comment is another publication"),
    case("reply-vs-letter",
         {**NEJM, "title": "A trial of intrapleural streptokinase", "pages": "2243"},
         {**NEJM, "title": "A trial of intrapleural streptokinase - Reply",
          "authors": ["Maskell, N"], "pages": "2244"},
         "different", "the authors' reply answers the letter"),
    case("letters-same-title",
         {**NEJM, "title": "A trial of intrapleural streptokinase", "authors": ["Rosa, Ute W."],
          "pages": "2243-5"},
         {**NEJM, "title": "A trial of intrapleural streptokinase",
          "authors": ["Bouros, Demosthenes"], "pages": "2243-5"},
         "not-duplicate", "two letters under one heading, by different people"),
    case("retraction-notice", TRIAL,
         {**TRIAL, "title": "Retraction notice: " + TRIAL["title"], "pages": "900"},
         "different", "the retraction notice is not the article"),
    case("abstract-vs-article",
         {**NEJM,
          "journal": "Blood. Conference: 51st Annual Meeting of the American Society of Hematology",
          "issue": "Suppl 1", "pages": "S33"},
         NEJM, "different", "a meeting abstract and the paper that followed are two reports"),
    case("series-part-1-vs-2",
         {**TRIAL, "title": "Management of pleural infection in adults. Part 1: diagnosis"},
         {**TRIAL, "title": "Management of pleural infection in adults. Part 2: treatment",
          "pages": "419-428"},
         "different", "parts of a series are different papers"),
    case("series-roman-numerals",
         {**TRIAL, "title": "Pleural disease in the intensive care unit I"},
         {**TRIAL, "title": "Pleural disease in the intensive care unit II", "pages": "419-428"},
         "different", "trailing I/II number a series"),
    case("same-title-other-year",
         {**TRIAL, "journal": "Cochrane Database of Systematic Reviews", "year": "2008",
          "volume": "", "pages": "CD006828"},
         {**TRIAL, "journal": "Cochrane Database of Systematic Reviews", "year": "2012",
          "volume": "", "pages": "CD006828"},
         "different", "a Cochrane update years later is another version"),
    case("same-title-other-volume", TRIAL, {**TRIAL, "volume": "7", "pages": "12-20"}, "different",
         "same title in another volume is another paper"),
    case("protocol-vs-results", TRIAL,
         {**TRIAL,
          "title": TRIAL["title"].replace("a randomised controlled trial",
                                          "study protocol for a randomised controlled trial"),
          "year": "2017", "journal": "Trials", "volume": "18", "pages": "201"},
         "different", "the protocol and the results are two reports"),
    case("follow-up-numbers",
         {**TRIAL,
          "title": "Yoga for chronic low back pain: 12-month results of a randomised trial"},
         {**TRIAL,
          "title": "Yoga for chronic low back pain: 24-month results of a randomised trial",
          "pages": "500-510"},
         "different", "other numbers in the title, other report"),
    case("different-dois", {**NEJM, "doi": "10.1056/NEJMoa0001"},
         {**NEJM, "doi": "10.1056/NEJMoa0002"}, "different", "two DOIs are two works"),
    case("different-pmids", {**NEJM, "pmid": "19414495"}, {**NEJM, "pmid": "19414496"},
         "different", "two PMIDs are two works"),
    case("other-population-same-sponsor",
         {"title": ("Open label controlled trial of eculizumab in adult patients with plasma "
                    "therapy-sensitive aHUS"),
          "authors": ["Alexion Pharmaceuticals, Inc"], "year": "2011"},
         {"title": ("Open label controlled trial of eculizumab in adolescent patients with plasma "
                    "therapy-resistant aHUS"),
          "authors": ["Alexion Pharmaceuticals, Inc"], "year": "2011"},
         "not-duplicate", "adult/adolescent, sensitive/resistant: two trials"),
    case("meeting-abstract-fields-shifted",
         {"title": "The treatment of atypical HUS", "authors": ["Loirat, C."], "year": "2011",
          "journal": ("Pediatric Nephrology.Conference: 44th Annual Scientific Meeting of the "
                      "European Society for Paediatric Nephrology"),
          "volume": "", "issue": "26", "pages": "9"},
         {"title": "The treatment of atypical hus", "authors": ["Loirat, C."], "year": "2011",
          "journal": ("Pediatric Nephrology.Conference: 44th Annual Scientific Meeting of the "
                      "European Society for Paediatric Nephrology"),
          "volume": "26", "issue": "9", "pages": "1746-1746"},
         "duplicate",
         "one export moved volume, issue and page one field along (haematology 105/106)"),
    case("online-first-excel-pages", {**TRIAL, "volume": "", "pages": "01-Jun"},
         {**TRIAL, "journal": "Lancet Respir Med", "pages": "2422-2427"},
         "duplicate", ("ahead of print: no volume, its own pages 1-6 (Excel made them `01-Jun`) "
                       "(respiratory 414/415)")),
    case("overlapping-page-ranges", {**TRIAL, "pages": "678-684"}, {**TRIAL, "pages": "676-682"},
         "duplicate", ("two articles cannot share pages of one volume: one export's pages are off "
                       "by two (respiratory 646/647)")),
    case("given-names-read-as-surnames",
         {**TRIAL, "authors": ["Luis Ferreira, Santos A", "Francoise Mauricette, Derchain S",
                               "Otavio, Sarian L"]},
         {**TRIAL, "authors": ["Santos, A L", "Derchain, S F", "Sarian, L O"]},
         "duplicate", ("same title, pages and volume; one export put given names first "
                       "(cytology 1591/357)")),
    case("coauthors-given-names-only",
         {**TRIAL, "authors": ["Bhuniya, S.", "Arunabha, D. C.", "Sabyasachi, C.", "Indranil, S.",
                               "Sumit, R. T."]},
         {**TRIAL, "authors": ["Bhuniya, S.", "Arunabha, D. C.", "Choudhury, S.", "Saha, I.",
                               "Roy, T. S."]},
         "duplicate", ("same title, whole page range and first author; co-authors' given names "
                       "read as surnames (respiratory 732/733)")),
    case("translated-title-no-authors",
         {"title": "Postoperative local immunostimulation in non-oatcell bronchial carcinoma",
          "year": "1984", "journal": "Dtsch-Med-Wochenschr", "volume": "109", "pages": "935-940"},
         {"title": ("[Postoperative immunostimulation in non-small-cell bronchial carcinoma. "
                    "Outcome and complications]"),
          "authors": ["Toomes, H."], "year": "1984",
          "journal": "Deutsche Medizinische Wochenschrift", "volume": "109", "pages": "935-940"},
         "duplicate", ("the same six pages of one volume; one record has no authors and another "
                       "translation of the title (respiratory 799/91)")),
    case("letters-share-pages-no-author",
         {**NEJM, "title": "A trial of intrapleural streptokinase", "authors": ["Rosa, Ute W."],
          "pages": "2243-5; author reply 2243-5"},
         {**NEJM, "title": "A trial of intrapleural streptokinase", "authors": [],
          "pages": "2243-5; author reply 2243-5"},
         "not-duplicate", ("a correspondence block shares its pages between letters: pages do not "
                           "name one item (respiratory 213/709)")),
    case("letter-and-reply-adjacent-pages",
         {**NEJM, "title": "Atypical HUS associated with group A streptococcus",
          "authors": ["Yildiz, B.", "Kural, N."], "pages": "943-945"},
         {**NEJM, "title": "Atypical HUS associated with group A streptococcus",
          "authors": ["Shepherd, A. B.", "Baliga, R."], "pages": "945-947"},
         "different", ("ranges touching on one page are two items (the letter, then the reply by "
                       "others), not one article's pages off by one (haematology 9/39)")),
    case("pages-off-by-one-page", {**TRIAL, "pages": "246-250"}, {**TRIAL, "pages": "250-254"},
         "duplicate", ("same title, same authors, five pages each touching on one page: one "
                       "export's range is shifted (cytology 493/494)")),
    case("two-abstracts-one-supplement-doi",
         {"title": ("Effects of incretin on artery lesions in a model of atherosclerosis in "
                    "apolipoprotein E-deficient mice"),
          "authors": ["Chen R.Wang Y.Liang L."], "year": "2014",
          "journal": "Diabetes/Metabolism Research and Reviews", "volume": "30",
          "issue": "SUPPL. 3", "pages": "51", "doi": "10.1002/dmrr.2604"},
         {"title": ("The effects of incretin on artery lesions in a model of atherosclerosis in "
                    "apolipoprotein E-deficient mice"),
          "authors": ["Chen R.Wang J.Yan C.Wang Y.Liang L."], "year": "2014",
          "journal": "Diabetes/Metabolism Research and Reviews", "volume": "30",
          "issue": "SUPPL. 3", "pages": "52", "doi": "10.1002/dmrr.2604"},
         "different", ("pages 51 and 52 of a supplement whose DOI both carry, other authors and "
                       "abstract: two abstracts (diabetes 273/1726)")),
    case("retitled-letter-same-authors",
         {"title": "Eculizumab in severe Shiga-toxin-associated HUS",
          "authors": ["Lapeyraque, A. L.", "Malina, M.", "Fremeaux-Bacchi, V.", "Boppel, T.",
                      "Kirschfink, M."],
          "year": "2011", "journal": "New England Journal of Medicine", "volume": "364",
          "pages": "2561-2563"},
         {"title": "Complement Blockade in Severe Shiga-Toxin-Associated HUS",
          "authors": ["Lapeyraque, AL", "Malina, M", "Fremeaux-Bacchi, V", "Boppel, T",
                      "Kirschfink, M"],
          "year": "2011", "journal": "New Engl J Med"},
         "uncertain", ("online title differs from print, no pages: only the authors tie them, a "
                       "person decides (haematology 818/819)")),
    case("online-journal-same-page-range-no-authors",
         {"title": "Prevalence of hypertension among adults in Ethiopia: a systematic review",
          "year": "2020", "journal": "PLoS ONE", "volume": "15", "pages": "1-12"},
         {"title": "Prevalence of diabetes among adults in Ethiopia: a systematic review",
          "authors": ["Bekele, A."], "year": "2020", "journal": "PLoS ONE", "volume": "15",
          "pages": "1-12"},
         "not-duplicate", ("pages 1-12 of an online journal are every article's pages: they name "
                           "nothing, so a record without authors is not placed by them")),
    case("abstracts-same-page",
         {"title": "Factor H autoantibodies are associated with MPGN",
          "authors": ["Pappworth, I. Y.", "Denton, M."], "year": "2010",
          "journal": "Molecular Immunology", "volume": "47", "pages": "2291"},
         {"title": ("Factor I autoantibodies are associated with atypical haemolytic uraemic "
                    "syndrome"),
          "authors": ["Kavanagh, D.", "Pappworth, I. Y."], "year": "2010",
          "journal": "Molecular Immunology", "volume": "47", "pages": "2291-2292"},
         "not-duplicate", "two meeting abstracts printed on one page"),
]


@pytest.mark.parametrize(("a", "b", "expect"), CASES)
def test_hard_case(a: dict[str, Any], b: dict[str, Any], expect: str) -> None:
    ra, rb = rec(a), rec(b)
    for x, y in ((ra, rb), (rb, ra)):  # the verdict never depends on the order
        m = compare(make_key(x), make_key(y))
        if expect == "not-duplicate":
            assert m.verdict is not Verdict.DUPLICATE, m
        else:
            assert m.verdict is Verdict(expect), m


def test_every_case_says_why() -> None:
    for p in CASES:
        marks = [m for m in p.marks if m.name == "dedup_case"]
        assert marks and marks[0].args[0], p.id


def test_chain_never_bridges_a_guard() -> None:
    """a~b and b~c are sure, but a and c carry different DOIs: no cluster may hold both."""
    a = rec(NEJM, doi="10.1056/NEJMoa0001")
    b = rec(NEJM, journal="N Engl J Med")
    c = rec(NEJM, doi="10.1056/NEJMoa0002", title=NEJM["title"] + ".")
    _, result = dedup_records([make_key(r) for r in (a, b, c)])
    assert result.cluster_of[a.id] != result.cluster_of[c.id]
    assert len({result.cluster_of[r.id] for r in (a, b, c)}) == 2


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Nat Rev Nephrol", "Nature Reviews Nephrology"),
        ("J Am Coll Cardiol", "Journal of the American College of Cardiology"),
        ("Proc Natl Acad Sci U S A",
         "Proceedings of the National Academy of Sciences of the United States of America"),
        ("JPEN J Parenter Enteral Nutr", "Journal of Parenteral and Enteral Nutrition"),
        ("Obstet Gynecol", "Obstetrics & Gynecology"),
    ],
)
def test_journal_abbreviations(short: str, full: str) -> None:
    assert journals_match(journal_words(short), journal_words(full))


def test_journals_that_differ() -> None:
    assert not journals_match(journal_words("Sexually Transmitted Infections"),
                              journal_words("Journal of Acquired Immune Deficiency Syndromes"))
    assert not journals_match(journal_words("Pediatric Nephrology"),
                              journal_words("Pediatric Transplantation"))


@pytest.mark.parametrize(
    ("pages", "span"),
    [("5795-813", ("5795", "5813")), ("S33-38", ("33", "38")), ("e0170240", ("170240", "170240")),
     ("Suppl-48", ("", "")), ("01-Apr", ("1", "4"))],
)
def test_page_spans(pages: str, span: tuple[str, str]) -> None:
    assert page_span(pages) == span


def test_record_order_never_changes_the_clusters() -> None:
    import random

    records = [rec(ART), rec(ART, journal="Am J Transplant"), rec(ART, title=ART["title"].upper()),
               rec(NEJM), rec(NEJM, pages="542-4"),
               rec(NEJM, title="Erratum: " + NEJM["title"], pages="2487"),
               rec(TRIAL), rec(TRIAL, volume="7", pages="12-20"),
               rec(TRIAL, journal="Lancet Respir Med")]
    results = []
    for seed in range(4):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        matches, result = dedup_records([make_key(r) for r in shuffled])
        results.append((result.cluster_of, sorted((p, m.rule) for p, m in result.links.items())))
    assert all(r == results[0] for r in results)
    assert len(set(results[0][0].values())) == 5
