"""Pages, as exports write them: ranges (`5795-813`), Excel dates (`01-Apr`), e-locators
(`e12724`), supplement pages (`S33`), several ranges (`233-8, 230-5`), roman front matter
(`iii-vi`), and Embase's `18 (8) (no pagination)` with the article number in the issue field.
"""

from __future__ import annotations

import re
from functools import lru_cache

from review_cli.stages.dedup._text import fold

_MONTHS = {
    m: str(i)
    for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)
}


_PAGE_START = re.compile(r"^[a-z]{0,2}\d")


_LETTERS3 = re.compile(r"[a-z]{3}")


_MONTH_WORD = re.compile(r"\b([a-z]{3})[a-z]*\b")


_EXCEL_MONTH = re.compile(r"^\d+\s*-\s*[a-z]{3}")


_STYLE = re.compile(r"\s*([a-z]*)")


def placed_number(digits: str) -> str:
    """A page, volume or issue number without its leading zeros; '' for `0`, which exports
    write where they have none (no page, volume or issue is numbered 0)."""
    return digits.lstrip("0")


def page_span(pages: str) -> tuple[str, str]:
    """(first, last) page as digit strings; Excel's `01-Apr` becomes 1-4; `e1234` -> 1234;
    front-matter pages in roman numerals (`iii-vi`) become 3-6 (their style says `roman`)."""
    text = fold(pages).strip(" \"'")
    m = _ROMAN_PAGES.match(text)
    if m:
        start, end = roman(m.group(1)), roman(m.group(2) or m.group(1))
        return (str(start), str(end)) if start and end else ("", "")
    if not _PAGE_START.match(text) or text.startswith("suppl"):
        return "", ""  # `Suppl-48`, `t-8`: a mangled range says nothing about the first page
    if _LETTERS3.search(text):
        text = _MONTH_WORD.sub(lambda m: _MONTHS.get(m.group(1), m.group(0)), text)
    nums = _DIGITS.findall(text)
    if not nums:
        return "", ""
    first = placed_number(nums[0])
    if not first:
        return "", ""  # page `0`, `e0`: an export's placeholder (or a cut e-locator) places nothing
    last = nums[1].lstrip("0") or "0" if len(nums) > 1 else first
    if (
        _EXCEL_MONTH.match(fold(pages)) is None and last.isdigit()
        and len(last) < len(first)
    ):
        last = first[: len(first) - len(last)] + last
    return first, last


# `pp. 1-24`, `p. 46-55` (EBSCO, the AIS eLibrary, Google Scholar), `Pages 889-921`
# (ScienceDirect's text export): the word for pages, not a page style (`p46` without the dot
# stays one).
_PAGES_WORD = re.compile(r"^\s*(?:pp\.?|p\.|pages?\s)\s*(?=\d)", re.I)


# `12 pp.`, `12p`, `12 pages` (CAB Abstracts, EBSCO): how many pages, not where they are. The
# word after the number says so; `p. 12` before it is page 12.
_PAGE_COUNT = re.compile(r"^\s*(\d+)\s*(?:pp?\.?|pages?)\s*$", re.I)


def page_count(pages: str) -> int:
    """The count `12 pp.` or `146p` gives, or 0: no place, but a length to compare."""
    m = _PAGE_COUNT.match(pages)
    return int(m.group(1)) if m else 0


@lru_cache(maxsize=65536)
def pages_info(pages: str) -> tuple[str, str, str, frozenset[str], bool]:
    """(first, last, style, first page of every range, S-pages of a supplement)."""
    if pages[:1] in "pP":
        pages = _PAGES_WORD.sub("", pages)
    elif _PAGE_COUNT.match(pages):
        return "", "", "", frozenset(), False
    first, last = page_span(pages)
    low = fold(pages).lstrip()
    return first, last, page_style(pages), _page_starts(pages, first), bool(re.match(r"s\d", low))


_RANGES = re.compile(r"[,+;]")


SHARED_PAGES = re.compile(r"[,+;]|reply", re.I)


def _page_starts(pages: str, first: str) -> frozenset[str]:
    if not _RANGES.search(pages):
        return frozenset((first,)) if first else frozenset()
    return frozenset(f for f in (page_span(p)[0] for p in _RANGES.split(pages)) if f)


def page_style(pages: str) -> str:
    text = fold(pages)
    if _ROMAN_PAGES.match(text.strip(" \"'")):
        return "roman"  # an issue's front matter: iii-vi is never compared with page 3
    m = _STYLE.match(text)
    return m.group(1) if m else ""


_ROMAN_PAGES = re.compile(r"^([ivxlc]+)\.?(?:\s*-+\s*([ivxlc]+)\.?)?$")


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman(text: str) -> int:
    """`xiv` -> 14; 0 for anything that is not a well-formed small roman numeral."""
    total = 0
    values = [_ROMAN_VALUES[c] for c in text]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total if 0 < total < 400 and _to_roman(total) == text else 0


def _to_roman(n: int) -> str:
    out = ""
    for value, digits in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                          (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += digits
            n -= value
    return out


_NO_PAGINATION = re.compile(r"^\s*(\w+)\s*(?:\(([^()]*)\))?\s*\(no pagination\)", re.I)


def embase_place(volume: str, issue: str, pages: str) -> tuple[str, str, str]:
    """Embase writes an article without page numbers as volume `18 (8) (no pagination)` and
    puts the article number in the issue field: read that as volume 18, issue 8, article
    number 1704 (as the page, when there is none)."""
    if "pagination" not in volume:
        return volume, issue, pages
    m = _NO_PAGINATION.match(volume)
    if not m:
        return volume, issue, pages
    return m.group(1), m.group(2) or "", pages or issue


_DIGITS = re.compile(r"\d+")
