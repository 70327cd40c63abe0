"""Detection benchmark: precision and recall per tampering kind on the labelled corpus.

    python benchmarks/monitor/detection.py [--json OUT] [--misses]

Every page of ``corpus/labels.json`` (generated) and ``corpus/handwritten.json`` (by hand) is
checked the way the crawler checks a page (``analyse_html``: decode, parse once, every page
check) with the fixture portal's configuration and the shipped lexicon and model. A finding
*flags* a kind when its severity is at least medium:

* K1.lexicon / K1.context → the categories in its detail (gambling — lottery apps included,
  as issue 19 names them together —, porn, fraud), and ``obfuscated`` when K1 names an
  evasion trick;
* EXPR.formulation → formulation, plus the category of what replaced the key word;
* K3.junk → junk_markup; K3.hidden → hidden, or junk_markup for ``<noframes>`` and zero-size
  iframes (the issue lists them with junk markup); K4.script / K4.redirect → script; each
  plus the category of the text it hides or writes.

Per kind: recall = tampered pages of the kind that are flagged with it / pages of the kind;
precision = pages flagged with it that carry it / pages flagged with it. Clean pages must
carry no high-severity finding at all (counted separately, with every finding listed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
KINDS = (
    "gambling",
    "porn",
    "fraud",
    "formulation",
    "obfuscated",
    "junk_markup",
    "hidden",
    "script",
)
#: Finding categories → kind: lottery apps are gambling phrasing (issue 19 names them together).
CATEGORY_KIND = {"gambling": "gambling", "lottery": "gambling", "porn": "porn", "fraud": "fraud"}
#: Hiding places the issue counts as junk markup.
JUNK_REASONS = {"noframes", "zero-size iframe"}
RANK = {"high": 3, "medium": 2, "low": 1, "info": 0}
BASE = "http://www.furong.gov.cn/corpus/"


def predicted(findings) -> set[str]:
    """Kinds the findings flag (severity ≥ medium)."""
    out: set[str] = set()
    for f in findings:
        if RANK[f.severity] < 2:
            continue
        cats = {CATEGORY_KIND[c] for c in f.detail.get("categories", ()) if c in CATEGORY_KIND}
        if f.rule_id in ("K1.lexicon", "K1.context"):
            out |= cats
            if f.detail.get("obfuscation"):
                out.add("obfuscated")
        elif f.rule_id == "EXPR.formulation":
            out |= {"formulation", *cats}
        elif f.rule_id == "K3.junk":
            out |= {"junk_markup", *cats}
        elif f.rule_id == "K3.hidden":
            out |= {"junk_markup" if f.detail.get("reason") in JUNK_REASONS else "hidden", *cats}
        elif f.rule_id.startswith("K4."):
            out |= {"script", *cats}
    return out


def load_labels() -> list[dict]:
    rows = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    hand = CORPUS / "handwritten.json"
    if hand.exists():
        rows += [{**r, "handwritten": True} for r in json.loads(hand.read_text(encoding="utf-8"))]
    return rows


def evaluate(rows: list[dict]) -> dict:
    import django

    django.setup()
    from fazhi.monitor.engine.analyse import analyse_html, warm_up
    from fazhi.monitor.fixtures_site.harness import fixture_site_config

    site = fixture_site_config()
    warm_up(site)
    as_of = dt.date(2025, 6, 30)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    support: Counter[str] = Counter()
    clean_high: list[tuple[str, str, str]] = []
    clean_any: list[tuple[str, str, str, str]] = []
    misses: list[tuple[str, str, str]] = []
    false: list[tuple[str, str, list[str]]] = []
    times: list[float] = []
    for r in rows:
        body = (CORPUS / r["file"]).read_bytes()
        t0 = time.process_time()
        out = analyse_html(body, BASE + Path(r["file"]).name, site, as_of=as_of)
        times.append(time.process_time() - t0)
        truth = set(r["kinds"])
        got = predicted(out.findings)
        for k in KINDS:
            if k in truth:
                support[k] += 1
                if k in got:
                    tp[k] += 1
                else:
                    fn[k] += 1
                    misses.append(
                        (r["file"], k, r.get("note", ""), [f.line()[:200] for f in out.findings])
                    )
            elif k in got:
                fp[k] += 1
                false.append((r["file"], k, [f.line()[:160] for f in out.findings]))
        if not truth:
            for f in out.findings:
                if f.severity == "high":
                    clean_high.append((r["file"], f.rule_id, f.evidence[:120]))
                clean_any.append((r["file"], f.rule_id, f.severity, f.evidence[:120]))
    per_kind = {}
    for k in KINDS:
        p_den = tp[k] + fp[k]
        r_den = tp[k] + fn[k]
        per_kind[k] = {
            "pages": support[k],
            "tp": tp[k],
            "fp": fp[k],
            "fn": fn[k],
            "precision": round(tp[k] / p_den, 3) if p_den else None,
            "recall": round(tp[k] / r_den, 3) if r_den else None,
        }
    tampered = [r for r in rows if r["kinds"]]
    times.sort()
    return {
        "pages": len(rows),
        "tampered": len(tampered),
        "clean": len(rows) - len(tampered),
        "handwritten": sum(1 for r in rows if r.get("handwritten")),
        "hard_negatives": sum(1 for r in rows if r.get("hard_negative")),
        "per_kind": per_kind,
        "clean_high": clean_high,
        "clean_findings": clean_any,
        "misses": misses,
        "false": false,
        "ms_median": round(times[len(times) // 2] * 1000, 2),
        "ms_p95": round(times[int(len(times) * 0.95)] * 1000, 2),
    }


def table(res: dict) -> str:
    lines = [
        "| kind | pages | recall | precision | missed | false alarms |",
        "|---|---|---|---|---|---|",
    ]
    for k, v in res["per_kind"].items():
        lines.append(
            f"| {k} | {v['pages']} | {v['recall']:.3f} | {v['precision']:.3f} | {v['fn']} | {v['fp']} |"
            if v["precision"] is not None
            else f"| {k} | {v['pages']} | {v['recall']} | — | {v['fn']} | {v['fp']} |"
        )
    low = Counter(sev for _, _, sev, _ in res["clean_findings"])
    lines += [
        "",
        f"Pages {res['pages']} ({res['tampered']} tampered, {res['clean']} clean, of which "
        f"{res['hard_negatives']} hard negatives; {res['handwritten']} written by hand). "
        f"High-severity findings on clean pages: {len(res['clean_high'])}. "
        f"All findings on clean pages by severity: {dict(low) or 0}. "
        f"Check CPU time per page: median {res['ms_median']} ms, p95 {res['ms_p95']} ms.",
    ]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", help="write the full result here")
    ap.add_argument("--misses", action="store_true", help="list missed and false pages")
    ap.add_argument("--set", choices=("all", "generated", "handwritten"), default="all")
    a = ap.parse_args()
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    rows = load_labels()
    if a.set != "all":
        rows = [r for r in rows if bool(r.get("handwritten")) == (a.set == "handwritten")]
    res = evaluate(rows)
    print(table(res))
    if a.misses:
        for m in res["misses"]:
            print("MISS", *m[:3])
            for line in m[3]:
                print("   ", line)
        for f in res["false"]:
            print("FALSE", f[0], f[1])
            for line in f[2]:
                print("   ", line)
        for c in res["clean_findings"]:
            print("CLEAN", *c)
    if a.json:
        Path(a.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
