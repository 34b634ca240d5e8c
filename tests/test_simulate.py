"""review simulate: dataset conventions, hand-checked metrics, determinism, errors, CLI JSON."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from review_cli.errors import ReviewError
from review_cli.stages import simulate

from .conftest import FIXTURES, invoke

DATA = FIXTURES / "simulate"
SYNTHETIC = DATA / "synthetic.csv"


def test_metrics_hand_checked() -> None:
    # 2 priors, then N' = 10 records with R' = 2 relevant at positions 1 and 4.
    labels = [1, 0] + [1, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    m = simulate.metrics(labels, n_priors=2)
    assert m["n_screened_at_95"] == 4  # ceil(0.95 * 2) = 2 relevant needed
    assert m["wss@95"] == pytest.approx((10 - 4) / 10 - 0.05)
    assert m["wss@100"] == pytest.approx((10 - 4) / 10)
    assert m["rrf@10"] == 50.0  # first floor(0.1 * 10) = 1 record holds 1 of 2
    assert m["recall"]["10%"] == 0.5 and m["recall"]["30%"] == 0.5 and m["recall"]["40%"] == 1.0
    assert list(m["recall"]) == [f"{p}%" for p in range(10, 101, 10)]


def test_wss95_with_many_relevant_records() -> None:
    # R' = 40: 95 % recall = 38 found; they are the first 38 of N' = 100.
    labels = [1, 0] + [1] * 38 + [0] * 10 + [1, 1] + [0] * 50
    m = simulate.metrics(labels, 2)
    assert m["n_screened_at_95"] == 38 and m["wss@95"] == pytest.approx(0.62 - 0.05)
    assert m["wss@100"] == pytest.approx(1 - 50 / 100)


def test_simulation_is_deterministic_and_finds_the_topic() -> None:
    ds = simulate.read_dataset(SYNTHETIC)
    assert ds.ids[0] == "1001" and sum(ds.labels) == 8
    a = simulate.run(ds, seed=3)
    b = simulate.run(ds, seed=3)
    assert a.order == b.order and a.priors == b.priors and a.metrics == b.metrics
    assert sorted(a.order) == sorted(ds.ids) and a.order[:2] == a.priors
    assert [ds.labels[ds.ids.index(p)] for p in a.priors] == [1, 0]
    # the topic is trivial to learn: every relevant record comes right after the priors
    assert a.labels[2:9] == [1] * 7
    assert a.metrics["wss@100"] == pytest.approx((58 - 7) / 58, abs=1e-4)
    c = simulate.run(ds, seed=4)
    assert c.priors != a.priors


def test_given_priors_come_first() -> None:
    ds = simulate.read_dataset(SYNTHETIC)
    sim = simulate.run(ds, seed=1, priors=["1011", "1002"])
    assert sim.order[:2] == ["1011", "1002"] and sim.priors == ["1011", "1002"]
    with pytest.raises(ReviewError, match="`999` is not in"):
        simulate.run(ds, priors=["999"])


def test_tsv_ris_and_gzip_datasets(tmp_path: Path) -> None:
    tsv = simulate.read_dataset(DATA / "tabs.tsv")
    assert (tsv.ids == ["7", "8", "9", "10"] and tsv.labels == [1, 0, 1, 0]
            and tsv.abstracts[2] == "")
    ris = simulate.read_dataset(DATA / "asreview_labels.ris")
    assert ris.ids == ["r1", "r2", "r3", "r4", "r5"] and ris.labels == [1, 0, 1, 0, 0]
    gz = tmp_path / "records.csv.gz"
    gz.write_bytes(gzip.compress(SYNTHETIC.read_bytes()))
    assert simulate.read_dataset(gz).labels == simulate.read_dataset(SYNTHETIC).labels
    assert simulate.run(ris, seed=1).metrics["wss@100"] is not None


def test_missing_abstracts_and_rows_without_record_id(tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_text("title,abstract,included\nAspirin migraine trial,,1\nWheat soil,,0\n"
                 "Migraine aspirin,,1\n,,0\n")
    ds = simulate.read_dataset(f)
    assert ds.ids == ["1", "2", "3", "4"] and ds.warnings == [
        "1 records have neither title nor abstract"]
    assert len(simulate.run(ds).order) == 4


BAD = {
    "no_label.csv": ("title,abstract\nA,b\n", "no label column"),
    "label_two.csv": ("title,abstract,label_included\nA,b,1\nC,d,2\n",
                      "has `2`; labels must be 0 or 1"),
    "label_empty.csv": ("title,abstract,label_included\nA,b,1\nC,d,\n", "has an empty value"),
    "no_relevant.csv": ("title,abstract,label_included\nA,b,0\nC,d,0\n", "no relevant record"),
    "empty_texts.csv": ("title,abstract,label_included\n,,1\n,,0\n", "empty title and abstract"),
    "dup_ids.csv": ("record_id,title,abstract,label_included\n5,A,b,1\n5,C,d,0\n",
                    "`5` appears twice"),
    "empty.csv": ("", "the file is empty"),
    "stray_quote.csv": ('title,abstract,label_included\n"A,b,1\nC,"d",0\nE,f,1\n',
                        "stray_quote.csv:2: its cells do not line up with the header"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_datasets_give_clear_errors(name: str, runner, tmp_path: Path) -> None:
    text, message = BAD[name]
    f = tmp_path / name
    f.write_text(text)
    result = invoke(runner, None, "simulate", str(f))
    assert result.exit_code == 1, result.output
    assert message in result.output and name in result.output
    assert "Traceback" not in result.output


def test_label_error_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("title,abstract,label_included\nA,b,1\nC,d,yes\n")
    with pytest.raises(ReviewError, match=r"x.csv:3: label column `label_included` has `yes`"):
        simulate.read_dataset(f)


def test_xlsx_is_a_clear_error_until_supported(tmp_path: Path, runner) -> None:
    f = tmp_path / "d.xlsx"
    f.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    result = invoke(runner, None, "simulate", str(f))
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_cli_json_and_plot(runner, tmp_path: Path) -> None:
    out, svg = tmp_path / "sim.json", tmp_path / "sim.svg"
    result = invoke(runner, None, "simulate", str(SYNTHETIC), "--seed", "2", "--prior", "1003",
                    "--prior", "1001", "--json", str(out), "--plot", str(svg))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert list(data) == ["order", "priors", "seed", "model", "metrics", "stopping", "seconds"]
    assert (data["priors"] == ["1003", "1001"] and data["order"][:2] == ["1003", "1001"]
            and len(data["order"]) == 60)
    assert data["seed"] == 2 and data["model"] == "default" and isinstance(data["seconds"], float)
    assert set(data["metrics"]) == {"recall", "wss@95", "wss@100", "rrf@10", "n_screened_at_95"}
    assert list(data["stopping"]) == ["statistical", "knee", "heuristic"]
    for where in data["stopping"].values():
        assert set(where) == {"stopped_at", "recall", "work_saved"}
    first = svg.read_bytes()
    assert first.startswith(b"<svg") and b"<polyline" in first and b"statistical stop" in first
    invoke(runner, None, "simulate", str(SYNTHETIC), "--seed", "2", "--prior", "1003",
           "--prior", "1001", "--plot", str(svg))
    assert svg.read_bytes() == first  # deterministic
    assert "WSS@95" in result.output


def test_cli_unknown_model(runner) -> None:
    result = invoke(runner, None, "simulate", str(SYNTHETIC), "--model", "gpt")
    assert result.exit_code == 1 and "unknown ranking model" in result.output
