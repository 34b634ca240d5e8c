"""How alike two keys are: titles (with their variants), authors, first authors, journals.

Scores, not verdicts: `_rules` reads them. A title that is the other's without its subtitle, or
its translation, is a variant (`title_variant`); author lists are compared by surname, with
transliterations and given names read as surnames forgiven.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

from review_cli.stages.dedup._journals import UNNAMED, journals_match, romanised
from review_cli.stages.dedup._keys import (
    Key,
    _initials_of,
    _surnames_of,
    initials_first,
    number_value,
    without_particles,
)
from review_cli.stages.dedup._titles import foreign, main_title


def title_similarity(a: Key, b: Key) -> float:
    """0..1; a title that is the other's main title plus a subtitle still scores high, and a
    bilingual title scores by its best part."""
    if not a.title or not b.title:
        return 0.0
    best = _title_pair(a.title, b.title)
    if best < 0.97 and (a.alt_titles or b.alt_titles):
        for x in (a.title, *a.alt_titles):
            for y in (b.title, *b.alt_titles):
                best = max(best, _title_pair(x, y))
    return best


def _title_pair(x: str, y: str) -> float:
    full = fuzz.ratio(x, y) / 100
    if full >= 0.97 or full < 0.5:
        return full  # below 0.5 no prefix of the longer title can come close
    # One export may drop the subtitle: compare the shorter title with the longer's start.
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) >= 40 and len(short) >= 0.6 * len(long_):
        full = max(full, 0.98 * fuzz.ratio(short, long_[: len(short)]) / 100)
    return full


def author_similarity(a: Key, b: Key) -> float | None:
    """Share of the shorter author list found in the longer one; None when one is missing."""
    if not a.surnames or not b.surnames or other_scripts(a, b):
        return None
    sa, sb = set(a.surnames), set(b.surnames)
    # A hyphenated surname with a comma reads as all its words (`Garcia-Robledo, E.`: garcia,
    # robledo), MEDLINE's `Garcia-Robledo E` as its first word: one person, counted once, or a
    # list cut after it falls short of the whole list it was cut from (round 14a).
    sa -= {t for t, h in _hyphen_tails(a.authors) if h in sb and t not in sb}
    sb -= {t for t, h in _hyphen_tails(b.authors) if h in sa and t not in sa}
    both = sa & sb
    if a.initials and b.initials:
        # `Wang Y` and `Wang L`, `Kim J` and `Kim S`: a surname that common names two people
        # when every name carrying it on one record has other initials than on the other.
        # Unless more names of the lists are one person by their initials than are two: then
        # the initial that differs is an export's slip (`Jitender Sareen, Murray B. Stein` and
        # `L Sareen, M Stein`; `Jyh-Ping Chen` and `K S Chen` with three co-authors agreeing).
        differ = {s for s in both if _other_people(a, b, s)}
        if differ and len(differ) > sum(_one_person(a, b, s) for s in both - differ):
            # Two people under one surname, unforgiven: then a name agreeing by its first
            # initial only, its middle one differing (`Lee SY`, `Lee SH`), is no evidence of
            # one team either.
            both = {s for s in both - differ if _one_person(a, b, s) or not _both_known(a, b, s)}
    shared = len(both)
    if shared < min(len(sa), len(sb)):
        # Web of Science's old records run a name's words together (`VANDERMEULEN, K`,
        # `OKAFORBELL, N`): one name on the other record when it is all that name's words, its
        # particles too (`Van der Meulen` read `meulen`); never a shorter surname (`Levine` is
        # not `Vine`, `Vandermeulen` not `Meulen`).
        # The initials must not name two people (`LEROUX, M` and `Le Roux, P. J.`, as `Roux M`
        # and `Roux PJ` would): `Leroux` and `Le Roux` are both surnames, two writers of one
        # letters page as often as one name run together.
        glued_a, glued_b = glued_names(a.authors), glued_names(b.authors)
        shared += sum(not _glued_differ(a, s, glued_b[s]) for s in (sa - sb) & glued_b.keys())
        shared += sum(not _glued_differ(b, s, glued_a[s]) for s in (sb - sa) & glued_a.keys())
    if shared < min(len(sa), len(sb)) and len(sa) * len(sb) <= 150:
        # Transliterations and typos: count near-equal surnames too.
        rest_b = list(sb - sa)
        for s in sa - sb:
            if process.extractOne(s, rest_b, scorer=fuzz.ratio, score_cutoff=85) is not None:
                shared += 1
    return min(1.0, shared / min(len(sa), len(sb)))


@lru_cache(maxsize=65536)
def _hyphen_tails(authors: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """(later word, first word) of each hyphenated surname written with a comma."""
    out: set[tuple[str, str]] = set()
    for author in authors[:12]:
        if "," in author and "-" in author.split(",", 1)[0]:
            words = without_particles(_surnames_of(author))
            out.update((w, words[0]) for w in words[1:])
    return frozenset(out)


@lru_cache(maxsize=65536)
def glued_names(authors: tuple[str, ...], n: int = 12) -> dict[str, str]:
    """Each of the first `n` names of several words (particles too) written as one word, with
    its initials."""
    scholar = initials_first(authors)
    out: dict[str, str] = {}
    for a in authors[:n]:
        words = _surnames_of(a, scholar)
        if 1 < len(words) <= 4:
            out.setdefault("".join(words), _initials_of(a, scholar))
    return out


def _glued_differ(k: Key, surname: str, initials: str) -> bool:
    """Every name of this one-word surname in `k` has another first initial than the name run
    together on the other record."""
    xs = _initials_under(k, surname)
    return _known(xs, {initials}) and all(initials_differ(x, initials) for x in xs)


def other_scripts(a: Key, b: Key) -> bool:
    """Names written in two scripts (`张伟` and `Zhang W`, Cyrillic and Latin): not comparable,
    as if one list were missing; the place and the title decide, or a person."""
    return _latin(a.authors[0]) != _latin(b.authors[0])


def _latin(name: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())


def _one_person(a: Key, b: Key, surname: str) -> bool:
    """The names of this surname are one person by their initials whole: every initial both
    give agrees (`MB` and `M`, `JH` and `JH`). A first initial alone agreeing (`Lee SY`, `Lee
    SH`) is no evidence: Korean and Chinese given names share a few first letters, and the
    middle initial is where two people of one surname differ. (A surname two authors of one
    team carry, `Wang X` and `Wang Y` in both lists, pairs each name with its own.)"""
    xs, ys = _initials_under(a, surname), _initials_under(b, surname)
    return (
        _known(xs, ys)
        and all(any(_same_initials(x, y) for y in ys) for x in xs)
        and all(any(_same_initials(x, y) for x in xs) for y in ys)
    )


def _both_known(a: Key, b: Key, surname: str) -> bool:
    return _known(_initials_under(a, surname), _initials_under(b, surname))


def _initials_under(k: Key, surname: str) -> set[str]:
    """The initials of every name of this surname in the record's list."""
    return {i for s, i in k.initials if s == surname}


def _known(xs: set[str], ys: set[str]) -> bool:
    """Both lists give the initials of every name of the surname."""
    return bool(xs) and bool(ys) and "" not in xs and "" not in ys


def _same_initials(x: str, y: str) -> bool:
    return not any(_letters_differ(p, q) for p, q in zip(x, y, strict=False))


def _other_people(a: Key, b: Key, surname: str) -> bool:
    xs, ys = _initials_under(a, surname), _initials_under(b, surname)
    return _known(xs, ys) and all(initials_differ(x, y) for x in xs for y in ys)


def initials_differ(x: str, y: str) -> bool:
    """Given names that are not one person's: another first initial. Middle initials are not
    compared: exports drop, add and garble them (`Richard J. Simpson`, `Richard K Simpson`)."""
    return bool(x) and bool(y) and _letters_differ(x[0], y[0])


# NLM's `Iu`, `Ia`, `Io`, `Ie` (Ю, Я, Ё, Е; `?` in `given_initials`) are written `Yu`, `Ju`,
# `Iu` or `E` by other indexes: those letters, not any (`Ian`, `Ioannis`, `Iacopo` are read
# as `?` too, and are not Robert, Konstantinos or Marco).
_DIGRAPH_LETTERS = frozenset("IYJE?")


def _letters_differ(p: str, q: str) -> bool:
    if p == q:
        return False
    if "?" in (p, q):
        return not {p, q} <= _DIGRAPH_LETTERS
    return True


def first_author_match(a: Key, b: Key) -> bool | None:
    """Same first author; `Le Quintrec, M` vs `Quintrec, M. Le` style splits still match.
    A surname shared by first authors of other initials (`Kim J`, `Kim S`) is two people."""
    same = _first_surname_match(a, b)
    if (
        same and _first_initials(a) and _first_initials(b)
        and initials_differ(_first_initials(a), _first_initials(b))
        and not _co_author_agrees(a, b)
    ):
        return False
    return same


def _first_initials(k: Key) -> str:
    # Only when the first surname read is the first name's (a garbled list may start otherwise).
    if k.initials and k.surnames and k.initials[0][0] == k.surnames[0]:
        return k.initials[0][1]
    return ""


def _co_author_agrees(a: Key, b: Key) -> bool:
    """Another author of the two lists is one person: then a first initial that differs is an
    export's slip (`Jitender Sareen, Murray B. Stein` and `L Sareen, M Stein`), not two people.
    Two teams of common surnames (`Li X, Zhang Y` and `Li Y, Zhang W`) share no such author."""
    others = (set(a.surnames) & set(b.surnames)) - set(a.first_author) - set(b.first_author)
    return any(_one_person(a, b, s) for s in others)


def _first_surname_match(a: Key, b: Key) -> bool | None:
    if not a.surnames or not b.surnames:
        return None
    x, y = a.surnames[0], b.surnames[0]
    if x == y or fuzz.ratio(x, y) >= 85:
        return True
    # One first author's name run together (`VANDERMEULEN, K` and `Van der Meulen, K.`).
    if x in glued_names(b.authors, 1) or y in glued_names(a.authors, 1):
        return True
    # Compound surnames split differently (`Howard Sharp, K` vs `Sharp, K. H.`, `Le Quintrec`
    # vs `Quintrec, M. Le`): a shared word of length 4+ in the first authors' names.
    if any(w in b.first_author for w in a.first_author if len(w) >= 4):
        return True
    # A particle read as the surname (`Le`, `van`, `de`): the next word is the real one.
    return (len(x) <= 3 and y in a.surnames[1:2]) or (len(y) <= 3 and x in b.surnames[1:2])


def _lonely_words(a: Key, b: Key) -> tuple[list[str], list[str]]:
    """The words each title has that the other lacks with nothing alike in their place (none
    when the titles differ only by spaces: `p16(INK4a)` vs `p16INK4a`)."""
    if a.title.replace(" ", "") == b.title.replace(" ", ""):
        return [], []
    only_a = set(a.tokens) - set(b.tokens) - _LABEL_WORDS
    only_b = set(b.tokens) - set(a.tokens) - _LABEL_WORDS
    if only_a and only_b:
        _one_word(a.tokens, only_a, only_b)
        _one_word(b.tokens, only_b, only_a)
    return (
        [w for w in only_a if not any(_alike(w, v) for v in only_b)],
        [w for w in only_b if not any(_alike(w, v) for v in only_a)],
    )


def _one_word(
    tokens: tuple[str, ...], only_x: set[str], only_y: set[str], cut_last: bool = True
) -> None:
    """Drop the words of one title (`tokens`, unshared: `only_x`) that are one word of the
    other's: two written as one (`cut off` and `cutoff`), or its last word cut short at a
    field's length (`... lung can` and `cancer`)."""
    for u, v in zip(tokens, tokens[1:], strict=False):
        if u + v in only_y:
            only_x.difference_update((u, v))
            only_y.discard(u + v)
    if not cut_last:
        return
    last = tokens[-1] if tokens else ""
    cut = {w for w in only_y if w.startswith(last)} if len(last) >= 3 and last in only_x else set()
    if cut:
        only_x.discard(last)
        only_y.difference_update(cut)


def word_conflict(a: Key, b: Key) -> bool:
    """True when each title has a word the other lacks with nothing alike in its place:
    `adult` vs `adolescent`, `sensitive` vs `resistant`, `factor h` vs `factor i`.
    Spelling variants (haemolytic/hemolytic) and dropped subtitles are not conflicts."""
    lonely_a, lonely_b = _lonely_words(a, b)
    if len(lonely_a) + len(lonely_b) <= 2 and not _POLARITY.isdisjoint(lonely_a + lonely_b):
        return True  # `... is not associated`, `non-Hodgkin`, `without AF`: the opposite finding
    if not lonely_a or not lonely_b:
        return False
    # A dropped subtitle leaves words on one side only; a swap leaves them on both sides.
    return len(lonely_a) + len(lonely_b) <= 0.5 * (len(a.tokens) + len(b.tokens))


def whole_title(a: Key, b: Key) -> bool:
    """The titles agree as wholes: not one the other's start plus words (which `title_similarity`
    scores 0.98, as a dropped subtitle), and no word added to one (`... in women`)."""
    return fuzz.ratio(a.title, b.title) >= 95 and not added_words(a, b)


def spelled_alike(a: Key, b: Key) -> bool:
    """Every word one title has in place of the other's is that word spelled another way
    (`behaviour`/`behavior`, `randomised`/`randomized`, `tumours`/`tumor`, `phase I`/`phase 1`)
    or cut or joined differently, not another word a letter or two away (`patients`/`parents`,
    `employees`/`employers`, `maternal`/`paternal`, `exploration`/`exploitation`): `_alike`
    forgives those, which only a place that holds one item can afford."""
    if a.title.replace(" ", "") == b.title.replace(" ", ""):
        return True
    only_a = set(a.tokens) - set(b.tokens) - _LABEL_WORDS
    only_b = set(b.tokens) - set(a.tokens) - _LABEL_WORDS
    if only_a and only_b:
        # A last word cut at a field's length only in a title that long: a short title's last
        # word is the other's start as a word of its own (`... work and care` against `...
        # work and careers`, `their part` against `their partners`).
        _one_word(a.tokens, only_a, only_b, cut_last=len(a.title) >= _CUT_LENGTH)
        _one_word(b.tokens, only_b, only_a, cut_last=len(b.title) >= _CUT_LENGTH)
    return all(any(_one_spelling(w, v) for v in only_b) for w in only_a) and all(
        any(_one_spelling(v, w) for w in only_a) for v in only_b
    )


def _one_spelling(x: str, y: str) -> bool:
    value = number_value(x)
    if value and value == number_value(y):
        return True
    if _opposite(x, y) or _short_names(x, y) or not _NOT_PLURALS.isdisjoint((x, y)):
        return False
    if _inflected(x, y) or _inflected(y, x):
        return True  # `vendor`/`vendors`, `cohort`/`cohorts`, `profession`/`professional`
    if _typo(x, y):  # on the words as written: a plural cut off would make a letter swapped
        return True  # one dropped (`employees`/`employers`)
    x, y = _spelling(x), _spelling(y)
    return x == y or _one_stem(x, y)


# Titles cut at a field's length are long: the shared sets' are 170 characters folded.
_CUT_LENGTH = 100
# Words whose `s` is no plural's, so cutting it makes another word (`news media` and `new
# media` are two things).
_NOT_PLURALS = frozenset(("news", "means"))
# What an ending adds to a word that stays the word: a plural, a tense, an adjective's `-al`.
# A word the other merely contains is often another word: a prefix makes one (`term`/`preterm`,
# `operative`/`postoperative`, `cranial`/`intracranial`, `graduate`/`undergraduate`,
# `active`/`reactive`), and so do `-ity`, `-ism`, `-ren`, `-e` (`hospital`/`hospitality`,
# `capital`/`capitalism`, `child`/`children`, `moral`/`morale`).
# (`TM` is a trade mark sign, `KEEPER™`, folded after the case.)
_INFLECTIONS = frozenset(("s", "es", "d", "ed", "ing", "al", "ly", "ally", "TM"))


def _inflected(short: str, long_: str) -> bool:
    if len(short) < 3 or not long_.startswith(short):
        return False
    tail = long_[len(short):]
    # A consonant doubled before the ending: `control`/`controlled`, `plan`/`planning`.
    return tail in _INFLECTIONS or tail in (short[-1] + "ed", short[-1] + "ing")


# Endings that give one word another form (`neuropsychiatry`/`neuropsychiatric`,
# `haematological`/`hematologic`, `anaemia`/`anaemic`, `effusion`/`effusing`), longest first.
_FORMS = ("ically", "ical", "ion", "ing", "ic", "al", "ia", "y")


def _one_stem(x: str, y: str) -> bool:
    """One stem of five letters or more under endings that only change the word's form."""
    stem = _stem(x)
    return len(stem) >= 5 and stem == _stem(y)


def _stem(w: str) -> str:
    for ending in _FORMS:
        if w.endswith(ending) and len(w) - len(ending) >= 5:
            return w[: -len(ending)]
    return w


def _typo(x: str, y: str) -> bool:
    """A letter dropped from a word of six letters or more, or two swapped in one of seven
    (`exlude`, `opiod`, `bleomycoin`, `infromation`): a keying slip, not another word (those
    are mostly a letter apart by substitution: `employees`/`employers`, `maternal`/`paternal`)."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(long_) >= 6 and len(long_) == len(short) + 1:
        # Not the first letter: that is a prefix of one letter, another word (`eHealth`,
        # `mHealth`, `eLearning` against `health`, `learning`).
        return any(long_[:i] + long_[i + 1:] == short for i in range(1, len(long_)))
    return len(x) == len(y) >= 7 and any(
        x[:i] + x[i + 1] + x[i] + x[i + 2:] == y for i in range(len(x) - 1)
    )


# British and American spellings, Greek-derived digraphs, and plurals: `haemorrhage`,
# `oedema`, `behaviour`, `randomisation`, `analyse`, `centre`, `sulphate`, `programme`,
# `analogues`, `dietitian`, `travelled`, `ageing`, `enquiry`.
_SPELLINGS = (
    (re.compile(r"(?<=g)ue(?=s?\b)"), ""), (re.compile(r"ies\b"), "y"),
    (re.compile(r"ses\b"), "sis"), (re.compile(r"ae|oe"), "e"),
    (re.compile(r"our"), "or"), (re.compile(r"([iy])s"), r"\1z"), (re.compile(r"ph"), "f"),
    (re.compile(r"([bct])re\b"), r"\1er"), (re.compile(r"geing"), "ging"),
    (re.compile(r"amme\b"), "am"), (re.compile(r"tian"), "cian"),
    (re.compile(r"ll"), "l"), (re.compile(r"ence\b"), "ense"), (re.compile(r"^enq"), "inq"),
    # Design science's British `artefact` (IS titles use it as often as `artifact`), `sceptic`.
    (re.compile(r"^artef"), "artif"), (re.compile(r"^scep"), "skep"),
    (re.compile(r"e?s\b"), ""),
)


def _spelling(w: str) -> str:
    for pattern, repl in _SPELLINGS:
        w = pattern.sub(repl, w)
    return w


def added_words(a: Key, b: Key) -> bool:
    """True when one title has a word the other lacks with nothing alike in its place (`... in
    women`, `... in older patients`): a subgroup or another population, unless a place says the
    records are one article."""
    lonely_a, lonely_b = _lonely_words(a, b)
    return bool(lonely_a or lonely_b)


# Words that turn a title into its opposite when one title adds them (one or two words apart,
# not a dropped subtitle): `... is not associated`, `non-Hodgkin`, `without atrial fibrillation`
# (`with` is a stop word), `off-pump` (`on` is one), `out-of-hospital` (`in` is one),
# `anti-inflammatory`. Round 2's prefixes read them glued (`nonsmokers`), not as words.
_POLARITY = frozenset("not no non without never nor neither anti off out".split())

# Words that label a record rather than name the work (kinds are compared by the guards).
_LABEL_WORDS = frozenset(
    "erratum errata corrigendum correction reply response comment letter retraction review "
    "editorial".split()
)


# Prefixes that turn a word into its opposite or another population: `asymptomatic`,
# `subacute`, `nonsmokers`, `women`, `hypotension` against `hypertension`. Pairs of (one word's
# prefix, the other's) before the same stem.
_OPPOSITE_PREFIXES = (
    ("", "non"), ("", "un"), ("", "in"), ("", "im"), ("", "ir"), ("", "dis"), ("", "sub"),
    ("", "wo"), ("", "fe"), ("", "anti"), ("hyper", "hypo"), ("pre", "post"), ("intra", "extra"),
    ("inter", "intra"), ("infra", "supra"), ("ante", "poste"), ("uni", "bi"), ("uni", "multi"),
    ("bi", "multi"), ("in", "out"), ("over", "under"),
    # Round 7a: `agonist`/`antagonist`, `function`/`dysfunction`, `microvascular`/
    # `macrovascular`, `endogenous`/`exogenous`, `afferent`/`efferent`, `abduction`/`adduction`,
    # `heterozygous`/`homozygous`: a letter or two apart, so fuzzy matching read them as one.
    ("", "ant"), ("", "dys"), ("macro", "micro"), ("endo", "exo"), ("af", "ef"), ("ab", "ad"),
    ("hetero", "homo"),
    # `compensated`/`decompensated`, `activation`/`deactivation`: `de-` undoes.
    ("", "de"),
)


def _opposite(x: str, y: str) -> bool:
    """`symptomatic`/`asymptomatic`, `men`/`women`, `hypertension`/`hypotension`: one stem
    with prefixes that name opposites (not spelling variants, which `_alike` forgives)."""
    if x[-3:] != y[-3:]:
        # A shared stem of 3 letters or more ends both words: most word pairs stop here (the
        # loop below is over 100 comparisons, and dedup asks this of every pair of unshared words).
        return False
    for p, q in _OPPOSITE_PREFIXES:
        for u, v in ((x, y), (y, x)):
            if u.startswith(p) and v.startswith(q) and len(u) - len(p) >= 3:
                if u[len(p):] == v[len(q):]:
                    return True
    # `a-`/`an-` negate (`asymptomatic`, `anaerobic`); `aetiology` is only a spelling of
    # `etiology`, so `a` before a vowel is not a prefix.
    for u, v in ((x, y), (y, x)):
        if len(v) >= 4 and (
            (u == "a" + v and v[0] not in "aeiou") or (u == "an" + v and v[0] in "aeiou")
        ):
            return True
    return False


def _alike(x: str, y: str) -> bool:
    value = number_value(x)
    if value and value == number_value(y):
        return True  # `phase I` and `phase 1`, `two-year` and `2-year` (the numbers guard agreed)
    if _opposite(x, y) or _short_names(x, y):
        return False
    if len(x) >= 3 and len(y) >= 3 and (x in y or y in x):
        return True  # `sub group` vs `subgroup`
    if x[0] != y[0] and not (x.isdigit() or y.isdigit()):
        return fuzz.ratio(x, y) >= 80
    return fuzz.ratio(x, y) >= 75 or (
        min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))
    )


def _short_names(x: str, y: str) -> bool:
    """`egf`/`egfr`, `mrna`/`mirna`, `bnp`/`probnp`, `mri`/`fmri`: a name of four characters or
    fewer and a word of six or fewer that holds it or is a letter away are two names (a
    receptor and its ligand, two peptides), not two spellings. A plural (`cell`/`cells`) and a
    name split from its number (`il`/`il6`, which the numbers guard compares) are one word."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) > 4 or len(long_) > 6 or short.isdigit():
        return False
    rest = long_[len(short):] if long_.startswith(short) else ""
    return not (rest in ("s", "es") or rest.isdigit())


def names_agree(a: Key, b: Key) -> bool:
    """Author lists that agree once given names are read too: `Luis Ferreira, Santos A` (an
    export that put the given names first) holds the surname `Santos`. Half the shorter list
    must be found among every word of the other's names."""
    if not a.surnames or not b.surnames:
        return False
    for x, y in ((a, b), (b, a)):
        found = {
            w for author in y.authors[:12] for w in _NAME_WORDS.sub(" ", author.casefold()).split()
            if len(w) > 2
        }
        names = set(x.surnames)
        if names and len(names & found) >= 0.5 * len(names):
            return True
    return False


_NAME_WORDS = re.compile(r"[\W_]+")


def journal_agree(a: Key, b: Key) -> bool | None:
    """True, False, or None when it cannot be told: a name is missing, or one is romanised
    from another script (`Zhonghua Yi Xue Za Zhi`) and the other is the English name."""
    if not a.journal or not b.journal or a.journal == UNNAMED or b.journal == UNNAMED:
        return None
    for x in (a.journal, a.journal_alt):
        for y in (b.journal, b.journal_alt):
            if x and y and journals_match(x, y):
                return True
    if romanised(a.journal) != romanised(b.journal):
        return None
    if _series_vs_book(a, b) or _series_vs_book(b, a):
        # Scopus names a proceedings book by its series and volume (`Lecture Notes in Computer
        # Science`, 11491), SpringerLink by its own title, without a volume: not comparable.
        return None
    return False


def _series_vs_book(x: Key, y: Key) -> bool:
    """`x` names a book series and its volume, `y` no volume and is a chapter or a meeting's
    paper by its type or name (the book's own title). A journal's record without a volume (the
    article after the conference paper, ahead of print or from Scholar) is another venue."""
    return (
        x.series and bool(x.volume) and not y.volume
        and (y.conference or y.form in ("chapter", "book"))
    )


def authors_agree(authors: float | None, first: bool | None) -> bool:
    """Author lists that do not tell the records apart (one missing counts as agreeing)."""
    return (
        authors is None or (authors >= 0.67 and first is not False)
        or (authors >= 0.5 and bool(first))
    )


def subtitle_dropped(a: Key, b: Key) -> bool:
    """One title is the other's main title: an export dropped the subtitle."""
    main_a, main_b = main_title(a.raw_title), main_title(b.raw_title)
    return bool((main_a and main_a == b.title) or (main_b and main_b == a.title))


def title_variant(a: Key, b: Key, title: float) -> str:
    """How two titles that differ can still be one work's: `subtitle` (one is the other
    without its subtitle), `contained` (one's words all in the other: a dropped subtitle or a
    section heading such as `MEDICAL PROGRESS`), `translation` (a sign that one is translated);
    '' when nothing explains the difference."""
    if title >= 0.97:
        return "same"
    if subtitle_dropped(a, b):
        return "subtitle"
    short, long_ = (a.tokens, b.tokens) if len(a.tokens) <= len(b.tokens) else (b.tokens, a.tokens)
    if len(short) >= 3:
        inside = set(long_)
        if sum(1 for w in short if w in inside) >= 0.8 * len(short):
            return "contained"
    for k in (a, b):
        if foreign(k.raw_title, k.title, k.language, bool(k.alt_titles)):
            return "translation"
    return ""
