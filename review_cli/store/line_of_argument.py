"""`synthesis/line-of-argument.md`: the line of argument (meta-ethnography phases 6-7), a
Markdown file the reviewers write, whose `## Links` section links third-order concepts of the
translation matrix, one link per list item:

    # Line of argument

    Prose: how the translated concepts fit together into a whole.

    ## Links

    - t3 -> t1: gives weight to
    - t2 -> t1: makes it possible

`SOURCE -> TARGET: label` (the label is optional). The report draws the links as a Mermaid
diagram. Everything outside the section is prose, reported as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from review_cli.errors import ParseError
from review_cli.io import writer
from review_cli.project import Project
from review_cli.store.transaction import Transaction

_SECTION = re.compile(r"^##\s+links\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,2}\s")
_LINK = re.compile(r"^\s*[-*]\s+(\S+?)\s*-+>\s*(\S+?)\s*(?::\s*(.*?))?\s*$")


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    label: str
    line: int


@dataclass
class Argument:
    text: str
    links: list[Link] = field(default_factory=list)
    bad: list[tuple[int, str]] = field(default_factory=list)  # lines of the section not links
    has_section: bool = False

    @property
    def prose(self) -> list[str]:
        """The file's lines outside the title and the `## Links` section."""
        out, inside = [], False
        for line in self.text.split("\n"):
            if _SECTION.match(line.strip()):
                inside = True
                continue
            if inside and _HEADING.match(line):
                inside = False
            if not inside:
                out.append(line)
        while out and (not out[0].strip() or out[0].startswith("# ")):
            out.pop(0)
        while out and not out[-1].strip():
            out.pop()
        return out


def parse(text: str) -> Argument:
    out = Argument(text)
    inside = False
    for number, line in enumerate(text.split("\n"), start=1):
        if _SECTION.match(line.strip()):
            inside = out.has_section = True
            continue
        if inside and _HEADING.match(line):
            inside = False
        if not inside or not line.strip() or line.lstrip().startswith("<!--"):
            continue
        m = _LINK.match(line)
        if m:
            out.links.append(Link(m[1], m[2], m[3] or "", number))
        else:
            out.bad.append((number, line.strip()))
    return out


def read(project: Project) -> Argument | None:
    path = project.line_of_argument_path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise writer.not_utf8(path, data, e, "save it as UTF-8") from None
    return parse(text.replace("\r\n", "\n"))


def exists(project: Project) -> bool:
    return project.line_of_argument_path.is_file()


def write(tx: Transaction, text: str) -> str:
    if "\x00" in text:
        raise ParseError(tx.project.line_of_argument_path, "holds a NUL byte")
    return tx.write_text(tx.project.line_of_argument_path, text.rstrip("\n") + "\n")
