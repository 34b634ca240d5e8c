"""Journal names: significant words, ISO 4 abbreviations, acronyms, romanised names.

`journals_match` accepts `J Am Coll Cardiol` for `Journal of the American College of
Cardiology`, `JPEN` and `AMCIS 2017 Proceedings`; `romanised` tells a name romanised from
another script (`Zhonghua Yi Xue Za Zhi`), which an English name cannot be compared with.
"""

from __future__ import annotations

import re
from functools import lru_cache

from review_cli.stages.dedup._text import STOP, words

# (`Annual Review of Psychology`, `Annual Reports in Medicinal Chemistry` are journals, one
# volume a year: read as meetings, their volumes were never compared.)
_CONFERENCE = re.compile(
    r"\b(conference|congress|meeting|symposium|proceedings|abstracts?|colloquium|workshop|"
    r"summit|convention|suppl|supplement)\b|\bconf\b|\bannual\b(?! reviews?\b| reports?\b)"
)


# --- journals ------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def journal_info(journal: str) -> tuple[tuple[str, ...], bool]:
    """(significant words, whether the name is a meeting's) for one journal string; `UNNAMED`
    for a venue that names no journal (a publisher, an ISSN)."""
    name = journal_words(journal)
    if name and (_ISSN.fullmatch(journal) or publisher(name) or host(journal, name)):
        return UNNAMED, False
    return name, bool(_CONFERENCE.search(" ".join(words(journal))))


# A venue that names no journal: Google Scholar and publishers' sites give the publisher
# (`Elsevier`, `Springer Nature`), some exports an ISSN. It is a venue, but compares with no
# name: neither the same journal as another such venue nor another journal than a name.
UNNAMED = ("?",)
_ISSN = re.compile(r"\s*(?:e?issn:?\s*)?\d{4}-?\d{3}[\dXx](?:\s*\([^)]*\))?\s*", re.I)
_PUBLISHERS = frozenset(
    "elsevier springer wiley blackwell sage taylor francis routledge informa emerald mdpi "
    "hindawi karger thieme lippincott wolters kluwer wilkins gruyter".split()
)
# Words a publisher's name carries besides its own (`Springer Science+Business Media LLC`,
# `John Wiley & Sons`, `Elsevier B.V.`), and its seats.
_COMPANY_WORDS = frozenset(
    "ltd limited inc bv gmbh co llc plc ag sa publishers publishing publisher publications press "
    "verlag media group sons john science business international nature berlin heidelberg new "
    "york london amsterdam oxford cham".split()
)


def publisher(name: tuple[str, ...]) -> bool:
    """A publisher's name, not a journal's: a publisher's own word (`elsevier`, `wiley`) and
    nothing but company words (`Nature`, `Science` and `SAGE Open` are journals)."""
    own = [w for w in name if len(w) > 1]
    return (
        any(w in _PUBLISHERS for w in own)
        and all(w in _PUBLISHERS or w in _COMPANY_WORDS for w in own)
    ) or own[-2:] == ["university", "press"]


# The site a record was found on, which Scholar's exports (Publish or Perish's `Publisher`)
# give where the venue goes: a web address (`aisel.aisnet.org`, `dl.acm.org`) or a platform's
# name as a whole (`IEEE Xplore`, not `IEEE Access`). It names no journal, as a publisher does
# not; a preprint server (`medrxiv.org`, `papers.ssrn.com`) is the preprint's venue.
_WEB_ADDRESS = re.compile(
    r"\s*(?!.*(?:rxiv|ssrn|preprint|researchsquare|osf\.io))"  # a preprint server is a venue
    r"(?:https?://)?[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|edu|gov|io|info)(?:/\S*)?\s*", re.I
)
_PLATFORMS = frozenset({
    ("sciencedirect",), ("ieee", "xplore"), ("ieeexplore",), ("acm", "digital", "library"),
    ("wiley", "online", "library"), ("springerlink",), ("jstor",), ("emerald", "insight"),
    ("taylor", "francis", "online"), ("proquest",), ("ebscohost",), ("researchgate",),
    ("ais", "electronic", "library"), ("aisel",), ("semantic", "scholar"),
})


def host(journal: str, name: tuple[str, ...]) -> bool:
    """A site the record was found on, not a venue."""
    return name in _PLATFORMS or bool(_WEB_ADDRESS.fullmatch(journal))


def journal_words(journal: str) -> tuple[str, ...]:
    """Significant words of a journal name; `Jpen: Journal of ...` keeps both parts."""
    name = re.split(r"\.\s*(?:conference|congress|meeting)\b", journal, flags=re.I)[0]
    name = re.sub(r"\[[^\]]*\]", " ", name)
    name = re.sub(r"\([^)]*\)", " ", name)  # first: `Hypertension (Dallas, Tex. : 1979)`
    name = _PUBLICATION_PLACE.sub(r"\g<head>", name)
    # NLM's subtitles (`Stroke; a journal of cerebral circulation`, `Brain : a journal of
    # neurology`, `Journal of magnetic resonance imaging : JMRI`) describe the journal; they are
    # not part of its name. A subtitle that describes nothing is: `Circulation : Heart Failure`
    # and `Stroke : Vascular and Interventional Neurology` are other journals.
    head, *subtitle = _NLM_SUBTITLE.split(name, maxsplit=1)
    if head and subtitle and _describes(subtitle[0]) and not _themed_meeting(head, subtitle[0]):
        name = head
    if "," in name:
        name = _without_place(name)
    out = tuple(w for w in words(name) if w not in STOP)
    if "ssrn" in out or out == _SSRN_SPELLED:
        # One repository of working papers, as Crossref (`SSRN Electronic Journal`), Scholar
        # (`Available at SSRN 3412345`, the paper's number, which stays: two numbers are two
        # papers) and others name it.
        return ("ssrn", *(w for w in out if w.isdigit()))
    return out


_SSRN_SPELLED = ("social", "science", "research", "network")


# ProQuest's publication title ends with where the journal is published: `MIS Quarterly;
# Minneapolis`, `Journal of Management Information Systems; Armonk`, `Academy of Management
# Journal; Briarcliff Manor`. One to three capitalised words after `; ` at the end of a name
# of two words or more (not a series, section or part: `; Series B` names another journal; and
# after one word, `Circulation; Heart Failure` may be a daughter journal). No word of the part
# may be a word journals name their parts and daughters by: `Philosophical Transactions of the
# Royal Society; Biological Sciences` and `; Physical Sciences` share their volume numbers,
# `Journal of Physical Chemistry; Letters` is another journal, `; Special Issue` no place.
_PUBLICATION_PLACE = re.compile(
    r"^(?P<head>\S+(?:\s+\S+)+?);\s+(?!(?i:series|section|part|edition)\b)"
    r"(?!.*\b(?i:letters?|sciences?|science|reports?|reviews?|research|studies|issues?|special"
    r"|supplements?|engineering|medicine|physics|chemistry|biology|methods|applications"
    r"|communications|proceedings|transactions|abstracts|conference|clinical|practice|online"
    r"|express|open|short|notes|papers?|series|section)\b)"
    r"[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,}){0,2}\s*$"
)


# Scopus names an AIS meeting with its theme after a colon, and the edition's acronym and year
# in or after it: `Pacific Asia Conference on Information Systems: Opportunities and
# Challenges for the Digitized Society: Are We Ready?, PACIS 2018`, `International Conference
# on Information Systems: ICIS 2018 - Bridging the Internet of People, Data, and Things`. The
# year made the theme read as NLM's dated description, and the name was cut to the meeting's
# without its edition: the paper of PACIS 2018, which Scopus dates 2019, matched `PACIS 2019
# Proceedings` and merged with the next edition's paper of its title. After a meeting's name,
# a part with a year names the edition and stays.
_EDITION_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _themed_meeting(head: str, subtitle: str) -> bool:
    return bool(_EDITION_YEAR.search(subtitle)) and _MEETING_TYPE.search(head) is not None


# Google Scholar ends a meeting's name with its city and country: `Proceedings of the 40th
# International Conference on Information Systems (ICIS), Munich, Germany`.
_PLACE_PART = re.compile(r",\s*([A-Z][\w'.-]*(?:\s+(?:&|and|[A-Z][\w'.-]*)){0,3})\s*$")


def _without_place(name: str) -> str:
    """A meeting's name without the place after its last commas: parts of up to four
    capitalised words, no number and no acronym, after a name that says it is a meeting
    (`Conference`, `Symposium`...; `Proceedings` alone is also a journal's) and keeps two words
    of its own (`Proceedings of the Annual Meeting, Academy of Management`
    keeps its society)."""
    while True:
        m = _PLACE_PART.search(name)
        if not m or any(w.isupper() and len(w) > 1 for w in m.group(1).split()):
            return name
        head = name[: m.start()]
        own = [w for w in words(head) if w not in STOP and w not in _MEETING_NAME_WORDS]
        if _MEETING_TYPE.search(head) is None or len(own) < 2:
            return name  # (`Proceedings of the Royal Society B, Biological Sciences` is none)
        if not edition_place(words(m.group(1)), words(head)):
            return name
        name = head


def edition_place(part: list[str], head: list[str]) -> bool:
    """The part after the comma can be where one edition was held: the name before it has the
    edition's number or year (`40th`, `Twenty-Fifth`; without it, `..., Asia Pacific` may name a
    region's meeting), and the part names no society or volume (`Winter Clinical Meeting,
    British Thoracic Society` and `..., Irish Thoracic Society` are two meetings)."""
    return _NOT_PLACE.isdisjoint(part) and any(numbered(w) for w in head)


_NOT_PLACE = frozenset(
    "society association institute academy college federation council union chapter region "
    "section division track papers abstracts posters consortium".split()
)


_MEETING_TYPE = re.compile(
    r"\b(?:conference|congress|meeting|symposium|workshop|colloquium|summit|convention)\b", re.I
)
# Words every meeting's name may carry (they name no meeting).
_MEETING_NAME_WORDS = frozenset(
    "proceedings conference congress meeting symposium workshop annual international "
    "national joint".split()
)


# Words of a subtitle that describes a journal (`official journal of`, `an international
# journal`, `section A of`, `Zeitschrift fur ...`) rather than names another.
_DESCRIPTIVE = frozenset(
    "a an the official journal publication organ section zeitschrift revue revista".split()
)


def _describes(subtitle: str) -> bool:
    """NLM's subtitle describes the journal: descriptive words, a date or place (`May 20-25`),
    or the journal's acronym in capitals (`JASN`, `APJCP`)."""
    text = subtitle.strip()
    return (
        not _DESCRIPTIVE.isdisjoint(words(text))
        or any(c.isdigit() for c in text)
        or (text.isupper() and len(text.split()) == 1)
    )


# Words that name an edition of a venue, not another venue.
_EDITION_WORDS = frozenset(
    "proceedings conference annual international meeting symposium workshop supplement suppl "
    "online edition".split()
)
_NLM_SUBTITLE = re.compile(r"\s*;\s|\s?:\s")


def _abbreviates(short: str, full: str) -> bool:
    """ISO 4-like: `Natl` abbreviates `National`, `J` `Journal`, `Cardiol` `Cardiology`."""
    if short == full:
        return True
    if not short or short[0] != full[0] or len(short) > len(full):
        return False
    if full.startswith(short):
        return True
    it = iter(full)
    return all(c in it for c in short)  # a subsequence starting with the same letter


def _acronym(token: str, full: tuple[str, ...]) -> bool:
    """`amcis` for `Americas Conference (on) Information Systems`: prefixes of consecutive words."""
    if len(token) < 3 or len(full) < 3 or token.isdigit():
        return False

    def rest(t: str, i: int) -> bool:
        if not t:
            return i == len(full)
        if i == len(full):
            return False
        word = full[i]
        return any(
            word.startswith(t[:n]) and rest(t[n:], i + 1)
            for n in range(1, min(len(word), len(t)) + 1)
        )

    return rest(token, 0)


_YEAR = re.compile(r"(?:19|20)\d\d")


def other_years(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both names carry a year and no year is in both: `ICIS 2018` and `ICIS 2019`, two
    meetings."""
    years_a = {w for w in a if _YEAR.fullmatch(w)}
    years_b = {w for w in b if _YEAR.fullmatch(w)}
    return bool(years_a and years_b) and not years_a & years_b


# A meeting's number spelled out (`Proceedings of the Twenty-Fifth Americas Conference on ...`,
# `Thirtieth International Conference ...`): a number, like `25th`.
_ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth sixtieth twenty thirty forty fifty sixty".split()
)


def numbered(word: str) -> bool:
    """A meeting name's number or year: `25th`, `2019`, `twenty`, `fifth`."""
    return word[0].isdigit() or word in _ORDINAL_WORDS


def _spelled_out(name: tuple[str, ...], acronym: str) -> tuple[str, ...]:
    """The words an acronym may stand for in a meeting's name: without its number and year,
    `Proceedings of`, `Annual`, or the acronym itself (Scopus names what the AIS eLibrary calls
    `ICIS 2019 Proceedings` `40th International Conference on Information Systems, ICIS 2019`,
    and HICSS `Proceedings of the Annual Hawaii International Conference on System Sciences`)."""
    # IEEE Xplore's `2021 IEEE 23rd Conference on Business Informatics (CBI)` names its
    # sponsors before the meeting and its acronym in brackets (which `journal_words` drops):
    # dblp's `CBI` spells the meeting, not the sponsor.
    return tuple(
        w for w in name
        if not numbered(w) and w not in ("proceedings", "annual", acronym)
        and w not in _SPONSORS
    )


_SPONSORS = frozenset(("ieee", "acm", "ifip"))


def _acronym_in_both(t: str, spelled: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Scopus writes an AIS meeting with its theme, then its acronym: `Americas Conference on
    Information Systems 2017: A Tradition of Innovation, AMCIS 2017`. When that name carries
    the acronym `t` itself, the acronym need only spell out a run of its words (the meeting's
    name, not its theme). IEEE/ACIS's `International Conference on Computer and Information
    Science, ICIS 2019` carries `ICIS` too, but no run of it spells ICIS: another meeting."""
    if t not in full:
        return False
    # A run starts at a word with the acronym's first letter and has at most a word per letter
    # (asked of every pair of names that share a word: it must stay cheap).
    return any(
        _acronym(t, spelled[i:j])
        for i, word in enumerate(spelled) if word[0] == t[0]
        for j in range(i + 3, min(len(spelled), i + len(t)) + 1)
    )


def _same_one_word(word: str, full: tuple[str, ...]) -> bool:
    """Whether a longer name can be the one-word journal `word`.

    A one-word name is a journal of its own: `Stroke` is not `European Stroke Journal`, `Lancet`
    not `Lancet Neurology`, `Diabetes` not `Diabetes Care`. The longer name is the same journal
    only when, besides a year and words such as `proceedings` (`ICIS 2019 Proceedings`), it is
    the word followed by a description (`Headache: The Journal of Head and Face Pain`, `Cureus
    Journal of Medical Science`, `Cephalalgia: an international journal of headache`), never
    `<word> Journal` alone (`Circulation Journal`, Japan's, is not `Circulation`)."""
    rest = [w for w in _sections_free(full) if not w[0].isdigit() and w not in _EDITION_WORDS]
    return (
        all(w == word for w in rest)
        or (full[0] == word and len(rest) >= 3 and rest[0] == word and rest[1] == "journal")
    )  # (`Circulation Journal`, with nothing after `Journal`, is a journal of its own)


# Words that make a name a meeting's (`_guards._MEETING_WORDS` are those every meeting's name
# may carry, another list).
_VENUE_TYPES = frozenset(
    ("proceedings", "conference", "meeting", "symposium", "workshop", "congress")
)


def _edition_free(name: tuple[str, ...]) -> tuple[str, ...]:
    """A meeting's name without what changes from one edition to the next or from one index to
    another: its number, year, `Proceedings of`, `Annual`, `International`, its sponsors (IEEE,
    ACM, IFIP). (`Conference`, `Workshop` and `Symposium` stay: a workshop and a symposium on
    one topic are two venues.) The numbers of an IFIP committee (`TC 8`, `WG 8.2`) name the
    meeting's organiser, not its edition: `IFIP WG 8.2` and `IFIP WG 8.6` are two meetings."""
    out: list[str] = []
    committee = False  # after `TC` or `WG` (`8.2` is two words: `8`, `2`)
    for w in name:
        committee = (committee and w.isdigit()) or w in ("tc", "wg")
        if committee or (not numbered(w) and w not in _EDITION_FREE):
            out.append(w)
    return tuple(out)


# What IEEE Xplore adds to a meeting's name (`2019 IEEE/ACM 41st International Conference on
# Software Engineering (ICSE)`) against the ACM DL's `Proceedings of the 41st International
# Conference on Software Engineering`: its sponsors.
_EDITION_FREE = frozenset(("proceedings", "annual", "international", "ieee", "acm", "ifip"))


# The AIS eLibrary names a meeting's proceedings by their sections: `ECIS 2020 Research Papers`,
# `ECIS 2019 Research-in-Progress Papers`, `PACIS 2021 Completed Research`. In a name with a
# year (a meeting's, never a journal's) these words say which part of the proceedings.
_SECTION_WORDS = frozenset(
    "research papers paper progress completed short full".split()
)


def _sections_free(name: tuple[str, ...]) -> tuple[str, ...]:
    """A name without the section words after its year: the AIS eLibrary's `ECIS 2020 Research
    Papers` and `PACIS 2021 Completed Research` are the proceedings cited as `ECIS 2020
    Proceedings` (or dblp's `ECIS`), as they are Scopus's ECIS name (`_acronym_of`). Only after
    the year, where the AIS eLibrary puts them: before it they may be the meeting's own words
    (`Workshop on HCI Research in MIS`)."""
    for i, w in enumerate(name):
        if _YEAR.fullmatch(w):
            return name[: i + 1] + tuple(x for x in name[i + 1 :] if x not in _SECTION_WORDS)
    return name


def _two_sections(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both names say which section of one meeting's proceedings, and one is research in
    progress and the other not (`ECIS 2020 Research-in-Progress Papers` against `ECIS 2020
    Research Papers`, `PACIS 2021 Completed Research`, `... Short Papers`): a short paper and
    the full paper of its title are two works, even in one edition. Against a name without a
    section (`Proceedings of ECIS 2020`, Scopus's name) either may be the paper."""
    sa, sb = _sections_after_year(a), _sections_after_year(b)
    return bool(sa) and bool(sb) and bool(sa & _SHORT) != bool(sb & _SHORT)


_SHORT = frozenset(("progress", "short"))


def _sections_after_year(name: tuple[str, ...]) -> frozenset[str]:
    for i, w in enumerate(name):
        if _YEAR.fullmatch(w):
            return _SECTION_WORDS.intersection(name[i + 1 :])
    return frozenset()


def spelled_too(rest: tuple[str, ...], spelled: tuple[str, ...]) -> bool:
    """A name's other words are the acronym's own words, spelled out beside it (Scopus's `40th
    International Conference on Information Systems, ICIS 2019` against Scholar's `Proceedings
    of the 40th International Conference on Information Systems`)."""
    return set(rest) <= set(spelled)


def _acronym_of(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A word of `a` is the acronym of `b`, and `a` says nothing more than `b` does: its other
    words are a year, an edition (`AMCIS 2017 Proceedings`) or `b` itself abbreviated (`JPEN J
    Parenter Enteral Nutr`). `BMJ Open`, `BMJ Case Rep` and `JAMA Pediatrics` hold the acronym
    of `British Medical Journal` or `Journal of the American Medical Association` and another
    word: they are daughter journals, not the journal."""
    for t in a:
        spelled = _spelled_out(b, t)
        if _acronym(t, spelled) or _acronym_in_both(t, spelled, b):
            dated = any(_YEAR.fullmatch(w) for w in a)
            rest = tuple(
                w for w in a if w != t and not numbered(w) and w not in _EDITION_WORDS
                and not (dated and w in _SECTION_WORDS)
            )
            if not rest or spelled_too(rest, spelled) or journals_match(rest, b):
                return True
    return False


def _acronym_for_run(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A word of `a` is the acronym of a run of `b`'s words, and `a`'s other words abbreviate
    `b`'s other words one for one, in place: `MIS Quarterly` (and `MIS Q`) for the AIS
    eLibrary's `Management Information Systems Quarterly`, also when `a` spells the acronym out
    after its name (Scopus). (`MIS Quarterly Executive` has a word more: another journal.)"""
    for k, t in enumerate(a):
        if len(t) < 3 or len(t) > 6 or not t.isalpha() or len(a) < 2:
            continue
        before, after = a[:k], a[k + 1 :]
        for m in range(len(after) - 2):
            if _acronym(t, after[m:]):
                # Scopus's `MIS Quarterly: Management Information Systems` spells its acronym
                # out after the name: the name is what comes before.
                after = after[:m]
                break
        i, j = len(before), len(b) - len(after)
        if j - i < 3 or not _acronym(t, b[i:j]):
            continue
        if all(_abbreviates(x, y) for x, y in zip(before + after, b[:i] + b[j:], strict=True)):
            return True
    return False


def journals_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when one name is the other or an abbreviation of it (word by word, in order), or
    an acronym of it (`JPEN`, `AMCIS 2017 Proceedings`)."""
    if not a or not b:
        return False
    if a == b:
        return True
    if other_years(a, b) or _two_sections(a, b):
        return False
    if _acronym_of(a, b) or _acronym_of(b, a):
        return True
    if _acronym_for_run(a, b) or _acronym_for_run(b, a):
        return True
    if (
        _VENUE_TYPES.intersection(a + b)
        and _edition_free(_sections_free(a)) == _edition_free(_sections_free(b)) != ()
    ):
        return True  # `Proceedings of the 52nd Hawaii ...` and `... of the Annual Hawaii ...`
    short, full = (a, b) if sum(map(len, a)) <= sum(map(len, b)) else (b, a)
    if len(short) == 1 and not _same_one_word(short[0], full):
        return False
    # Each short word must abbreviate a full word, in order; full words may be skipped only
    # when they are few (subtitles and `= Chinese journal of ...` parallel names are common).
    j = 0
    skipped = 0
    for w in short:
        while j < len(full) and not _abbreviates(w, full[j]):
            j += 1
            skipped += 1
        if j == len(full):
            return False
        j += 1
    return skipped <= max(1, len(full) // 3) or len(short) >= 3



# Words of journal names romanised from Chinese (pinyin, Wade-Giles), Japanese, Korean and
# Russian; English names never hold two of them.
_ROMANISED = frozenset(
    "zhonghua zhongguo za zhi zazhi xue xuebao bao yixue daxue kexue yanjiu guanli jingji "
    "jisuanji ruanjian xitong gongcheng zasshi gakkai gakkaishi gakuho igaku nihon nippon rinsho "
    "kenkyu kagaku ryoho ronbunshi joho shori hokoku kiyo shinkei geka naika zhurnal vestnik "
    "khirurgii khirurgiia meditsina voprosy problemy trudy izvestiya chung hua tsa chih hsueh "
    "taehan hakhoe uihak nonmunji kyobo".split()
)


def romanised(journal: tuple[str, ...]) -> bool:
    return sum(1 for w in journal if w in _ROMANISED) >= 2
