"""Text folding shared by every key: case, HTML, diacritics, Greek letters, punctuation.

Exports of one article write its title in different cases, with inline HTML (`K<inf>Ca</inf>`),
entities, diacritics or their loss, Greek letters or their names, and apostrophes or not
(`Editor's` and `Editors`); these functions fold all of that away.
"""

from __future__ import annotations

import html
import re
import unicodedata

from review_cli.io.normalise import strip_notes

# An HTML, MathML or JATS tag: a name right after `<` or `</`, then attributes (`name=...`)
# only. `<6 and ASPECTS >7` is two signs around words, not a tag to drop.
_TAG = re.compile(
    r"</?[a-z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))*\s*/?>", re.I
)
NON_ALNUM = re.compile(r"[\W_]+")  # Unicode-aware: Cyrillic and CJK titles keep their words
# Greek letters that stand as symbols (`TNF-α`, `γδ T cells`, `θ oscillations`), which MEDLINE
# spells out (`theta`, `gammadelta`): one or two letters between other characters. Three or more
# are a Greek word, left as they are (`επεισόδιο` loses only its accent).
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}
_GREEK_SYMBOL = re.compile(r"(?<![\u03b1-\u03c9])[\u03b1-\u03c9]{1,2}(?![\u03b1-\u03c9])")
# `µg`, `µm`, `µmol`: a mu before a unit is `micro` (MEDLINE's `microg`); `µ-opioid` is `mu`.
_MICRO = re.compile(r"(?<![\u03b1-\u03c9])\u03bc(?=[a-z])")
# `ß-blockers`, `TGF-ß1`: a beta typed as the German sharp s, which never starts a word or
# follows a digit. After a letter it is `ss` (`Straße`).
_SHARP_S_BETA = re.compile(r"(?<![^\W\d_])\u00df")
# Letters NFKD does not take apart: an export without diacritics writes them so.
_LETTERS = {
    "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i",
    "ħ": "h", "ŧ": "t", "ŀ": "l",
}
_LETTERS_RE = re.compile("|".join(_LETTERS))
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
# Characters that are no characters: a soft hyphen (a line-break hint), zero-width spaces and
# joiners, direction marks, a byte-order mark. They break no word.
_FORMAT = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Words that carry no identity in a title or a journal name.
STOP = frozenset(
    "a an and plus the of in on for to with by at from or as is are its into versus vs via "
    "de la le les des du der die das und en el y et".split()
)


def fold(text: str) -> str:
    """Lower case, no HTML, no diacritics, Greek symbols spelt out, `&` as `and`."""
    if "<" in text:
        text = _TAG.sub("", text)  # `K<inf>Ca</inf>3.1` is `KCa3.1`
    if "&" in text:
        text = html.unescape(text).replace("&", " and ")
    if text.isascii():
        return text.casefold()
    if "\u00df" in text:
        text = _SHARP_S_BETA.sub("\u03b2", text)  # before casefold makes every `ß` an `ss`
    text = unicodedata.normalize("NFKD", text.casefold())
    if "\u00b0" in text:
        text = spell_degrees(text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    if text.isascii():
        return text  # diacritics only (`Müller`): the common case
    return letters(greek(_FORMAT.sub("", text)))


def spell_degrees(text: str) -> str:
    """The degree sign as MEDLINE spells it (`-80 degrees C`, `30 degrees`), so that `degrees`
    is no word one title adds. NFKD made `℃` a `°` and a capital `C`, hence the casefold."""
    return text.replace("\u00b0", " degrees ").casefold()


def greek(text: str) -> str:
    """Greek symbols spelt out (`text` is case-folded and decomposed)."""
    if "\u03bc" in text:
        text = _MICRO.sub("micro", text)
    if _GREEK_SYMBOL.search(text):
        text = _GREEK_SYMBOL.sub(lambda m: "".join(_GREEK[c] for c in m.group(0)), text)
    return text


def letters(text: str) -> str:
    """Letters NFKD keeps as an export without diacritics writes them (`đ` as `d`, `ł` as
    `l`), and digits of other scripts as digits (Persian `۱۳۹۸` as `1398`)."""
    if _LETTERS_RE.search(text):
        text = _LETTERS_RE.sub(lambda m: _LETTERS[m.group(0)], text)
    if _OTHER_DIGIT.search(text):
        text = _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), text)
    return text


def words(text: str) -> list[str]:
    """Folded words; an apostrophe joins (`editor's` is `editors`, never `editor s`)."""
    text = fold(text)
    if "'" in text or "\u2019" in text:
        text = text.replace("'", "").replace("\u2019", "")
    return NON_ALNUM.sub(" ", text).split()


# Scripts written without spaces between words (Chinese; Japanese kanji and kana): a title is
# one `word` to a split on spaces. Each character is read as a word, so `左` against `右` (left,
# right) is a word that differs, not one long word a character apart.
_UNSPACED = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


def title_tokens(title: str) -> tuple[str, ...]:
    """The significant words of a folded title (stop words out; a CJK character is a word)."""
    if not title.isascii() and _UNSPACED.search(title):
        title = _UNSPACED.sub(r" \1 ", title)
    return tuple(w for w in title.split() if w not in STOP)


def title_form(title: str) -> str:
    """`[Omentoplasty in ... ].` -> `omentoplasty in ...`: a translated title's brackets go,
    and so do bracketed notes such as `[Article in German]` or `[Electronic Resource]`."""
    t = title.strip().strip('"')
    if t.startswith("[") and "]" in t:
        inner, _, rest = t[1:].partition("]")
        # `[English translation]. Original title`: the translation is what other databases show.
        t = inner if len(words(inner)) >= 3 else inner + " " + rest
    out = words(strip_notes(t))
    if "vs" in out:
        # `vs` and `vs.` are how one database writes the `versus` of another: one word, else
        # a title of 40-odd letters loses 4 points to it and a record ahead of print, which
        # needs the higher score, waits. Two works whose titles differ only so are not seen.
        out = ["versus" if w == "vs" else w for w in out]
    return " ".join(out)
