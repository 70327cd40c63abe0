"""The labelled corpus (benchmarks/monitor/corpus: 300 generated and 24 hand-written pages):
every kind is recognised at the measured rates — exact counts, so a change that loses or gains
a page shows here before it shows in docs/benchmarks.md."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def _detection():
    spec = importlib.util.spec_from_file_location(
        "monitor_detection", ROOT / "benchmarks" / "monitor" / "detection.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_corpus_precision_and_recall_per_kind():
    det = _detection()
    rows = det.load_labels()
    assert (len(rows), sum(1 for r in rows if r["kinds"])) == (324, 162)
    res = det.evaluate(rows)
    got = {k: (v["tp"], v["fp"], v["fn"]) for k, v in res["per_kind"].items()}
    assert got == {
        "gambling": (88, 0, 4),
        "porn": (25, 0, 0),
        "fraud": (26, 0, 0),
        "formulation": (17, 0, 0),
        "obfuscated": (21, 0, 0),
        "junk_markup": (14, 0, 0),
        "hidden": (15, 0, 0),
        "script": (16, 0, 0),
    }
    assert res["clean_high"] == []
    assert all(v["recall"] >= 0.95 and v["precision"] >= 0.95 for v in res["per_kind"].values())
