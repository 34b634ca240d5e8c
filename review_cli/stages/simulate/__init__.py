"""Replay a labelled dataset as if a reviewer screened every record in the ranker's order.

Datasets follow the ASReview conventions: CSV/TSV (also gzipped) or RIS with a title, an
abstract and a 0/1 label column (`label_included`, `included`, `label`, ...); `record_id`, when
present, is the id reported back. Metrics exclude the prior records (ASReview-insights
convention) and WSS is Cohen et al. 2006's: (N' - k) / N' - (1 - r).
"""

from __future__ import annotations

import gzip
import math
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError, ReviewError
from review_cli.io import ris, tabular, xlsx
from review_cli.io.document import ZIP_MAGIC, Document, Skip, decode, first
from review_cli.progress import NULL, Progress
from review_cli.stages.rank import ModelSpec, Ranker, model_spec, stopping, text_of

# ASReview's names for the label column, in its order of preference.
LABEL_COLUMNS = (
    "final_included", "label", "label_included", "included_label", "included_final", "included",
    "included_flag", "include",
)
TITLE_COLUMNS = ("title", "primary_title", "ti", "t1")
ABSTRACT_COLUMNS = ("abstract", "ab", "n2", "notes_abstract")
ID_COLUMNS = ("record_id",)
RIS_RELEVANT, RIS_IRRELEVANT = "asreview_relevant", "asreview_irrelevant"


@dataclass(frozen=True)
class Dataset:
    name: str
    ids: list[str]
    titles: list[str]
    abstracts: list[str]
    labels: list[int]
    warnings: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [text_of(t, a) for t, a in zip(self.titles, self.abstracts, strict=True)]


# --- reading -------------------------------------------------------------------------------
def read_dataset(path: Path) -> Dataset:
    """A labelled dataset from CSV/TSV(.gz), RIS or XLSX, read by the import formats' own
    readers (io/), and checked for what a simulation needs."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReviewError(
            f"cannot read {path}: {e.strerror or e}", hint="check the path of the dataset"
        ) from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as e:
            raise ParseError(path, f"not a valid gzip file ({e})") from None
    if data.startswith(ZIP_MAGIC):
        try:
            rows = [(i + 1, row) for i, row in enumerate(xlsx.read_rows(data))]
        except xlsx.NotAWorkbook as e:
            raise ParseError(path, f"is {e}", hint="save the sheet again as .xlsx or CSV") from None
        return _from_rows(path, rows)
    # As exports are read: BOMs, UTF-16 (Excel's "Unicode text"), Windows-1252; an empty or
    # binary file is an error naming it.
    doc = decode(path, data)
    if ris.sniff(doc):
        return _from_ris(path, doc)
    first = doc.text.split("\n", 1)[0]
    delimiter = max(("\t", ",", ";"), key=first.count)
    rows, broken = tabular.read_table(path, doc.text, delimiter)
    for line, cells in tabular.misaligned(rows, len(rows[0][1]) if rows else 0, broken):
        raise ParseError(
            path,
            f"its cells do not line up with the header ({cells} of {len(rows[0][1])} columns): "
            f"a quote out of place near line {broken}",
            line=line,
            hint='a `"` inside a quoted cell is written `""`, and every quoted cell is closed',
        )
    return _from_rows(path, rows)


def _column(header: list[str], names: Sequence[str]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _from_rows(path: Path, numbered: list[tuple[int, list[str]]]) -> Dataset:
    if not numbered:
        raise ParseError(path, "the file is empty")
    header = numbered[0][1]
    body = [(line, r) for line, r in numbered[1:] if any(c.strip() for c in r)]
    label_col = _column(header, LABEL_COLUMNS)
    if label_col is None:
        raise ParseError(
            path,
            "no label column",
            hint=f"add a 0/1 column named one of: {', '.join(LABEL_COLUMNS)} (columns found: "
            f"{', '.join(h for h in header if h)[:200]})",
        )
    title_col, abstract_col = _column(header, TITLE_COLUMNS), _column(header, ABSTRACT_COLUMNS)
    if title_col is None and abstract_col is None:
        raise ParseError(
            path, "no title or abstract column", hint="name the text columns `title` and `abstract`"
        )
    id_col = _column(header, ID_COLUMNS)

    def cell(row: list[str], col: int | None) -> str:
        return row[col].strip() if col is not None and col < len(row) else ""

    ids, titles, abstracts, labels = [], [], [], []
    for position, (line, row) in enumerate(body, start=1):
        ids.append(cell(row, id_col) or str(position))
        titles.append(cell(row, title_col))
        abstracts.append(cell(row, abstract_col))
        labels.append(_label(path, cell(row, label_col), line, header[label_col].strip()))
    return _checked(path, ids, titles, abstracts, labels)


def _label(path: Path, value: str, line: int, column: str) -> int:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if number not in (0.0, 1.0):
        shown = f"`{value}`" if value else "an empty value"
        raise ParseError(
            path, f"label column `{column}` has {shown}; labels must be 0 or 1", line=line,
            hint="every record needs a label: 1 relevant, 0 irrelevant",
        )
    return int(number)


def _from_ris(path: Path, doc: Document) -> Dataset:
    """ASReview's RIS labels: `N1  - ASReview_relevant` / `ASReview_irrelevant`, or `LB  - 1` /
    `0`."""
    ids, titles, abstracts, labels = [], [], [], []
    for number, item in enumerate(ris.tagged(doc), start=1):
        if isinstance(item, Skip):
            raise ParseError(path, item.reason, line=item.line)
        line, tags = item
        notes = " ".join(tags.get("N1", [])).lower()
        if RIS_RELEVANT in notes:
            label = 1
        elif RIS_IRRELEVANT in notes:
            label = 0
        elif "LB" in tags:
            label = _label(path, first(tags, "LB"), line, "LB")
        else:
            raise ParseError(
                path,
                f"record {number} has no label",
                line=line,
                hint="mark each record with `N1  - ASReview_relevant` / "
                "`ASReview_irrelevant` or `LB  - 1` / `0`",
            )
        ids.append(first(tags, "ID") or str(number))
        titles.append(first(tags, *ris.TITLE_TAGS))
        abstracts.append(first(tags, *ris.ABSTRACT_TAGS))
        labels.append(label)
    if not ids:
        raise ParseError(path, "no RIS records")
    return _checked(path, ids, titles, abstracts, labels)


def _checked(
    path: Path, ids: list[str], titles: list[str], abstracts: list[str], labels: list[int]
) -> Dataset:
    if not ids:
        raise ParseError(path, "no records")
    seen: dict[str, int] = {}
    for i, rid in enumerate(ids):
        if rid in seen:
            raise ParseError(
                path, f"record id `{rid}` appears twice (records {seen[rid] + 1} and {i + 1})",
                hint="record ids must be unique",
            )
        seen[rid] = i
    if 1 not in labels:
        raise ParseError(
            path, "no relevant record (every label is 0)",
            hint="a simulation needs at least one record labelled 1",
        )
    if 0 not in labels:
        raise ParseError(
            path, "no irrelevant record (every label is 1)",
            hint="a simulation needs at least one record labelled 0",
        )
    empty = sum(1 for t, a in zip(titles, abstracts, strict=True) if not t and not a)
    if empty == len(ids):
        raise ParseError(
            path, "every record has an empty title and abstract",
            hint="check the column names: `title` and `abstract`",
        )
    warnings = [f"{empty} records have neither title nor abstract"] if empty else []
    return Dataset(path.name, ids, titles, abstracts, labels, warnings)


# --- metrics -----------------------------------------------------------------------------------
def metrics(labels_in_order: Sequence[int], n_priors: int) -> dict[str, Any]:
    """Recall at 10 %..100 % screened, WSS@95, WSS@100, RRF@10 and records screened at 95 %."""
    seq = list(labels_in_order[n_priors:])
    n, r = len(seq), sum(seq)
    cum = [0]
    for x in seq:
        cum.append(cum[-1] + x)
    if r == 0:
        return {
            "recall": {}, "wss@95": None, "wss@100": None, "rrf@10": None, "n_screened_at_95": None
        }

    def screened_at(target: float) -> int:
        need = math.ceil(target * r - 1e-9)
        return next(k for k in range(n + 1) if cum[k] >= need)

    def wss(target: float) -> float:
        return round((n - screened_at(target)) / n - (1 - target), 4)

    recall = {f"{p}%": round(cum[math.floor(p * n / 100)] / r, 4) for p in range(10, 101, 10)}
    return {
        "recall": recall,
        "wss@95": wss(0.95),
        "wss@100": wss(1.0),
        "rrf@10": round(100 * cum[math.floor(0.1 * n)] / r, 1),
        "n_screened_at_95": screened_at(0.95),
    }


# --- the replay ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Simulation:
    dataset: str
    order: list[str]  # record ids in screening order, priors first
    labels: list[int]  # their labels, same order
    priors: list[str]
    seed: int
    model: str
    metrics: dict[str, Any]
    stopping: dict[str, dict[str, Any]]
    seconds: float
    n_relevant: int

    def to_json(self) -> dict[str, Any]:
        return {
            "order": self.order,
            "priors": self.priors,
            "seed": self.seed,
            "model": self.model,
            "metrics": self.metrics,
            "stopping": self.stopping,
            "seconds": self.seconds,
        }


def run(
    dataset: Dataset,
    seed: int = 42,
    priors: Sequence[str] = (),
    model: str | ModelSpec = "default",
    target: float = 0.95,
    confidence: float = 0.95,
    progress: Progress = NULL,
    matrix: Any = None,
    with_stopping: bool = True,
    ranker: Ranker | None = None,
) -> Simulation:
    """Screen the whole dataset in the ranker's order, retraining after every decision.

    `ranker`: one made by the caller (a benchmark's candidate, e.g. a Ranker subclass) used
    instead of Ranker(texts, seed, model, matrix); it should share that seed."""
    import numpy as np

    t0 = time.perf_counter()
    model_spec(model)
    n = len(dataset.ids)
    y = np.asarray(dataset.labels, dtype=np.int64)
    if ranker is None:
        ranker = Ranker(dataset.texts, seed, model, matrix=matrix)
    prior_idx = _priors(dataset, priors, ranker)
    labels: dict[int, int] = {}
    order: list[int] = []
    unlabelled = np.ones(n, dtype=bool)

    def screen(i: int) -> None:
        labels[i] = int(y[i])
        order.append(i)
        unlabelled[i] = False

    progress.start(f"Simulating {dataset.name}", total=n)
    for i in prior_idx:
        screen(i)
    progress.advance(len(prior_idx))
    to_find = int(y.sum()) - int(y[prior_idx].sum())
    while to_find and len(order) < n:
        i = ranker.next_record(labels, unlabelled)
        screen(i)
        to_find -= int(y[i])
        progress.advance()
    # Every relevant record is found: the rest are all irrelevant, so their order cannot change
    # a metric or a stopping point. They follow in the last model's ranking, without retraining.
    rest = ranker.rank(labels).order
    for i in rest:
        screen(i)
    progress.advance(len(rest))
    progress.done()

    in_order = [int(y[i]) for i in order]
    stops: dict[str, int | None] = dict.fromkeys(stopping.RULES)
    if with_stopping:
        stops = stopping.first_stops(in_order, n, target, confidence, start=len(prior_idx) + 1)
    total_relevant = int(y.sum())
    cum = np.cumsum(in_order)
    stop_report = {}
    for rule in stopping.RULES:
        at = stops[rule]
        stop_report[rule] = {
            "stopped_at": at,
            "recall": round(float(cum[at - 1]) / total_relevant, 4) if at else None,
            "work_saved": round(1 - at / n, 4) if at else None,
        }
    return Simulation(
        dataset=dataset.name,
        order=[dataset.ids[i] for i in order],
        labels=in_order,
        priors=[dataset.ids[i] for i in prior_idx],
        seed=seed,
        model=model if isinstance(model, str) else "custom",
        metrics=metrics(in_order, len(prior_idx)),
        stopping=stop_report,
        seconds=round(time.perf_counter() - t0, 3),
        n_relevant=total_relevant,
    )


def _priors(dataset: Dataset, priors: Sequence[str], ranker: Ranker) -> list[int]:
    """The given prior ids as indexes, or one relevant and one irrelevant from the seeded
    shuffle."""
    if priors:
        where = {rid: i for i, rid in enumerate(dataset.ids)}
        out = []
        for rid in priors:
            if rid not in where:
                raise ReviewError(
                    f"prior record `{rid}` is not in {dataset.name}",
                    hint="give ids from the dataset's record_id column",
                )
            if where[rid] not in out:
                out.append(where[rid])
        return out
    shuffle = [int(i) for i in ranker.shuffle]
    relevant = next(i for i in shuffle if dataset.labels[i] == 1)
    irrelevant = next(i for i in shuffle if dataset.labels[i] == 0)
    return [relevant, irrelevant]


# --- the command's stage function ------------------------------------------------------------
@dataclass(frozen=True)
class FileResult:
    simulation: Simulation
    warnings: list[str]


def simulate_file(
    path: Path,
    seed: int = 42,
    priors: Sequence[str] = (),
    model: str = "default",
    target: float = 0.95,
    confidence: float = 0.95,
    json_path: Path | None = None,
    plot_path: Path | None = None,
    progress: Progress = NULL,
) -> FileResult:
    """Read `path`, replay it, and write the JSON report and the SVG plot when asked."""
    from review_cli.io.writer import write_json, write_text
    from review_cli.stages.simulate._plot import recall_svg

    if not 0 < target < 1:
        raise ReviewError(f"--target must be between 0 and 1 (got {target})")
    if not 0 < confidence < 1:
        raise ReviewError(f"--confidence must be between 0 and 1 (got {confidence})")
    model_spec(model)
    dataset = read_dataset(path)
    sim = run(dataset, seed, priors, model, target, confidence, progress)
    if json_path is not None:
        write_json(json_path, sim.to_json())
    if plot_path is not None:
        write_text(plot_path, recall_svg(sim))
    return FileResult(sim, dataset.warnings)
