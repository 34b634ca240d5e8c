"""The line of argument as a Mermaid flowchart: a node per third-order concept (its id and
label), an arrow per link with the link's label. Word cannot draw Mermaid: it shows the links
as a table instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from review_cli.io.docmodel import Diagram, P, Table
from review_cli.store.line_of_argument import Link
from review_cli.store.matrix import Matrix

# `%%` starts a directive, `#` an entity, `"` ends a label: written as Mermaid's entity codes.
_ESCAPES = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "%": "#37;",
            "|": "#124;", "`": "#96;"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NODE = re.compile(r"[^A-Za-z0-9_]")


def text(value: str) -> str:
    value = " ".join(_CONTROL.sub(" ", value).split())
    return "".join(_ESCAPES.get(ch, ch) for ch in value)


def node(concept_id: str) -> str:
    """A node id Mermaid accepts (letters, digits, _), never a keyword like `end`."""
    return "c_" + _NODE.sub("_", concept_id)


def flowchart(links: Sequence[Link], matrix: Matrix | None) -> str:
    labels = {r.id: r.label for r in matrix.rows} if matrix else {}
    ids: list[str] = []
    for link in links:
        for end in (link.source, link.target):
            if end not in ids:
                ids.append(end)
    out = ["%% Line of argument: the links between third-order concepts "
           "(synthesis/line-of-argument.md)", "flowchart LR"]
    for i in ids:
        label = f"{i}: {labels[i]}" if labels.get(i) else i
        out.append(f'    {node(i)}["{text(label)}"]')
    for link in links:
        arrow = f' -- "{text(link.label)}" --> ' if link.label.strip() else " --> "
        out.append(f"    {node(link.source)}{arrow}{node(link.target)}")
    return "\n".join(out) + "\n"


def diagram(links: Sequence[Link], matrix: Matrix | None) -> Diagram:
    labels = {r.id: r.label for r in matrix.rows} if matrix else {}

    def named(i: str) -> str:
        return f"{i}: {labels[i]}" if labels.get(i) else i

    fallback = (P("The line of argument links these third-order concepts:"),
                Table(("From", "Link", "To"),
                      tuple((named(x.source), x.label, named(x.target)) for x in links)))
    return Diagram(flowchart(links, matrix), fallback)
