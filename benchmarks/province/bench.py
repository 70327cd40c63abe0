"""Province scale on PostgreSQL: the province's indicator table (every registered indicator,
every district) through the path the annual report takes, against a floor of hand-written
GROUP BY queries over the same rows.

One run

1. starts a throw-away PostgreSQL on 127.0.0.1 (``benchmarks/pgcluster.py``), runs
   ``fazhi migrate`` and ``fazhi demo`` (the demo district, every domain, its 2019 year);
2. in a child process, makes the province: the demo district's rows are cloned
   ``--districts - 1`` times under new organisation subtrees, server side
   (``INSERT … SELECT`` table by table in foreign-key order, every id and every reference
   shifted by one offset per district, organisation paths rewritten; the ledger is not
   cloned: no indicator reads it), then ``ANALYZE``;
3. evaluates the indicator table: for each district root, each code in
   ``fazhi.core.indicators.REGISTRY`` through ``indicators.evaluate(code, year=2019, org=root)``
   (what ``reports.compose`` calls), timed per indicator family (the model the records are
   drawn from);
4. the floor, in the same process over the same rows: for every indicator one query over the
   whole province grouped by district (the indicator's own records, ``GROUP BY`` the district
   part of the organisation path: one query instead of one per district), and for the
   kernel's clock and supervision-task families one hand-written SQL statement each
   (``COUNT(*) FILTER (…)`` per indicator, ``GROUP BY`` district); every floor figure is
   compared with the evaluated one;
5. prints a Markdown report (``--write``: saves it as results.md).

Usage: python benchmarks/province/bench.py [--districts 10] [--pg-fast] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pgcluster import Postgres

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
YEAR = 2019
DISTRICT_ROOT = "长沙市芙蓉区人民政府"
# Names for the cloned districts (county-level divisions of Hunan); past the list, numbered.
NAMES = (
    "天心区 岳麓区 开福区 雨花区 望城区 长沙县 浏阳市 宁乡市 荷塘区 芦淞区 石峰区 天元区 渌口区 "
    "醴陵市 攸县 茶陵县 炎陵县 雨湖区 岳塘区 湘潭县 湘乡市 韶山市 珠晖区 雁峰区 石鼓区 蒸湘区 "
    "南岳区 衡阳县 衡南县 衡山县 衡东县 祁东县 耒阳市 常宁市 双清区 大祥区 北塔区 新邵县 邵阳县 "
    "隆回县 洞口县 绥宁县 新宁县 城步苗族自治县 武冈市 邵东市 岳阳楼区 云溪区 君山区 岳阳县 "
    "华容县 湘阴县 平江县 汨罗市 临湘市 武陵区 鼎城区 安乡县 汉寿县 澧县 临澧县 桃源县 石门县 "
    "津市市 永定区 武陵源区 慈利县 桑植县 资阳区 赫山区 南县 桃江县 安化县 沅江市 北湖区 苏仙区 "
    "桂阳县 宜章县 永兴县 嘉禾县 临武县 汝城县 桂东县 安仁县 资兴市 零陵区 冷水滩区 东安县 双牌县 "
    "道县 江永县 宁远县 蓝山县 新田县 江华瑶族自治县 祁阳市 鹤城区 中方县 沅陵县 辰溪县"
).split()
SKIP_TABLES = {"core_ledgerevent"}  # the hash chain: no indicator reads it


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {msg}", file=sys.stderr, flush=True)


def fazhi(env: dict[str, str], *args: str) -> float:
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "fazhi.cli", *args], env=env, capture_output=True)
    if res.returncode != 0:
        raise RuntimeError(f"fazhi {' '.join(args)}: {res.stderr.decode()[-3000:]}")
    return time.perf_counter() - t


def environment(home: Path, url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env.update(FAZHI_HOME=str(home), DJANGO_SETTINGS_MODULE="fazhi.settings")
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["FAZHI_DATABASE_URL"] = url
    return env


# -- the province: clone the demo district ---------------------------------------------------


def _tables():
    """Cloned tables in foreign-key order (parents first), with their columns to shift."""
    from django.apps import apps
    from django.db import connection

    auto = ("AutoField", "BigAutoField", "SmallAutoField")
    models = [  # tables keyed by a generated id: the district's records (code tables stay)
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label
        in {c.label for c in apps.get_app_configs() if c.name.startswith("fazhi")}
        and m._meta.db_table not in SKIP_TABLES
        and m._meta.pk.get_internal_type() in auto
    ]
    cloned = {m._meta.db_table for m in models}
    with connection.cursor() as cur:
        existing = set(connection.introspection.table_names(cur))
    info = {}
    for m in models:
        t = m._meta.db_table
        if t not in existing:
            continue
        shift, parents = [], set()
        for f in m._meta.concrete_fields:
            if f.primary_key:
                shift.append(f.column)
            elif f.is_relation and f.related_model._meta.db_table in cloned:
                shift.append(f.column)
                if f.related_model._meta.db_table != t:
                    parents.add(f.related_model._meta.db_table)
        cols = [f.column for f in m._meta.concrete_fields]
        subject = "subject_id" in cols and "subject_type" in cols
        info[t] = {"cols": cols, "shift": shift, "parents": parents, "subject": subject}
    order, done = [], set()

    def visit(t, seen=()):
        if t in done or t not in info:
            return
        for p in sorted(info[t]["parents"]):
            if p not in seen:
                visit(p, (*seen, t))
        done.add(t)
        order.append(t)

    for t in sorted(info):
        visit(t)
    return order, info


def _relax_unique(cur, tables) -> int:
    """Unique constraints other than primary keys become plain indexes (same columns, same
    plans for reads): the clones repeat numbers, names and codes of the demo district."""
    cur.execute(
        """SELECT c.conrelid::regclass::text, c.conname, pg_get_indexdef(c.conindid)
           FROM pg_constraint c WHERE c.contype = 'u' AND c.conrelid::regclass::text = ANY(%s)""",
        [list(tables)],
    )
    n = 0
    for table, name, indexdef in cur.fetchall():
        cur.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        cur.execute(indexdef.replace("CREATE UNIQUE INDEX", "CREATE INDEX", 1))
        n += 1
    cur.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i WHERE i.indisunique AND NOT i.indisprimary
           AND i.indrelid::regclass::text = ANY(%s)""",
        [list(tables)],
    )
    for name, indexdef in cur.fetchall():
        cur.execute(f"DROP INDEX {name}")
        cur.execute(indexdef.replace("CREATE UNIQUE INDEX", "CREATE INDEX", 1))
        n += 1
    return n


def make_province(districts: int) -> dict:
    from django.db import connection, transaction

    order, info = _tables()
    out: dict = {"tables": len(order)}
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM core_organisation WHERE name = %s", [DISTRICT_ROOT])
        root = cur.fetchone()[0]
        top = 0
        for t in order:
            if info[t]["shift"]:
                cur.execute(f'SELECT coalesce(max("{info[t]["shift"][0]}"), 0) FROM "{t}"')
                top = max(top, cur.fetchone()[0])
        off = 10 ** len(str(top))
        out["id_offset"] = off
        rows = 0
        for t in order:
            cur.execute(f'SELECT count(*) FROM "{t}"')
            rows += cur.fetchone()[0]
        out["rows_per_district"] = rows
        t0 = time.perf_counter()
        with transaction.atomic():
            out["unique_relaxed"] = _relax_unique(cur, order)
        out["relax_s"] = round(time.perf_counter() - t0, 2)
    out["clone_s"] = []
    for k in range(1, districts):
        t0 = time.perf_counter()
        d = k * off
        with transaction.atomic(), connection.cursor() as cur:
            for t in order:
                i = info[t]
                exprs = []
                for c in i["cols"]:
                    if c in i["shift"]:
                        exprs.append(f'"{c}" + {d}')
                    elif t == "core_organisation" and c == "path":
                        exprs.append(
                            f"(SELECT '/' || string_agg((x::bigint + {d})::text || '/', '' "
                            "ORDER BY n) FROM unnest(string_to_array(trim(both '/' from path), "
                            "'/')) WITH ORDINALITY AS u(x, n))"
                        )
                    elif i["subject"] and c == "subject_id":
                        exprs.append(
                            f"CASE WHEN subject_id ~ '^[0-9]+$' "
                            f"THEN (subject_id::bigint + {d})::text ELSE subject_id END"
                        )
                    else:
                        exprs.append(f'"{c}"')
                cols = ", ".join(f'"{c}"' for c in i["cols"])
                where = f'WHERE "{i["shift"][0]}" < {off}' if i["shift"] else ""
                cur.execute(
                    f'INSERT INTO "{t}" ({cols}) SELECT {", ".join(exprs)} FROM "{t}" {where}'
                )
            name = NAMES[k - 1] if k - 1 < len(NAMES) else f"第{k}区"
            cur.execute(
                "UPDATE core_organisation SET name = %s WHERE id = %s",
                [f"{name}人民政府", root + d],
            )
        out["clone_s"].append(round(time.perf_counter() - t0, 2))
        log(f"district {k + 1}/{districts} cloned in {out['clone_s'][-1]} s")
    with connection.cursor() as cur:
        t0 = time.perf_counter()
        cur.execute("ANALYZE")
        out["analyze_s"] = round(time.perf_counter() - t0, 2)
        cur.execute("SELECT pg_database_size(current_database())")
        out["db_mb"] = round(cur.fetchone()[0] / 2**20, 1)
    out["roots"] = [root + k * off for k in range(districts)]
    return out


# -- the indicator table and its floor ----------------------------------------------------------


def _family(ind, period) -> str:
    return ind.records(None, period).model._meta.label


def indicator_table(roots: list[int], how: str) -> tuple[dict, dict]:
    """Every indicator for every district; seconds per code. ``how``: ``many`` — one
    ``indicators.evaluate_many(code, orgs=districts)`` per code (one query grouped by
    organisation); ``batch`` — one ``indicators.evaluate`` per district inside
    ``indicators.batch()`` (what the annual report of one district does); ``plain`` — one
    ``evaluate`` per district outside a batch (subtrees by a join on the organisation path,
    the path before issue 18's performance work)."""
    from fazhi.core import indicators
    from fazhi.core.models import Organisation

    orgs = list(Organisation.objects.filter(pk__in=roots).order_by("pk"))
    values: dict[tuple[str, int], object] = {}
    secs: dict[str, float] = {}
    for code in indicators.REGISTRY:
        t = time.perf_counter()
        if how == "many":
            for f in indicators.evaluate_many(code, year=YEAR, orgs=orgs):
                values[code, f.org.pk] = f.value
        elif how == "batch":
            with indicators.batch():
                for org in orgs:
                    values[code, org.pk] = indicators.evaluate(code, year=YEAR, org=org).value
        else:
            for org in orgs:
                values[code, org.pk] = indicators.evaluate(code, year=YEAR, org=org).value
        secs[code] = time.perf_counter() - t
    return values, secs


def _subtree_fields() -> dict[str, dict[str, str]]:
    """For each indicator, the organisation field its records (and a ratio's numerator) are
    narrowed on: ``in_subtree`` is watched while each is built for the demo district."""
    from fazhi.core import indicators
    from fazhi.core.models import Organisation

    real = indicators.in_subtree
    seen: list[str] = []

    def watch(qs, org, field="org"):
        seen.append(field)
        return real(qs, org, field)

    mods = [m for m in list(sys.modules.values()) if getattr(m, "in_subtree", None) is real]
    root = Organisation.objects.get(name=DISTRICT_ROOT)
    period = indicators.Period.year(YEAR)
    fields: dict[str, dict[str, str]] = {}
    for m in mods:
        m.in_subtree = watch
    try:
        for code, ind in indicators.REGISTRY.items():
            fields[code] = {}
            for side in ("records", "numerator"):
                fn = getattr(ind, side, None)
                if fn is None:
                    continue
                seen.clear()
                fn(root, period)
                fields[code][side] = seen[-1] if seen else ind.org_field
    finally:
        for m in mods:
            m.in_subtree = real
    return fields


def _by_district(qs, org_field: str, sum_field: str | None) -> dict[int, object]:
    from django.db.models import Count, F, Func, IntegerField, Sum, Value
    from django.db.models.functions import Cast

    district = Cast(
        Func(F(f"{org_field}__path"), Value("/"), Value(2), function="split_part"),
        IntegerField(),
    )
    agg = Count("pk") if sum_field is None else Sum(sum_field)
    rows = qs.order_by().annotate(d=district).values("d").annotate(v=agg).values_list("d", "v")
    return dict(rows)


def floor_generic(roots: list[int]) -> tuple[dict, dict, dict]:
    """Per indicator: its records over the whole province, one GROUP BY district; seconds
    per code; the codes it cannot express, with the reason."""
    from decimal import Decimal

    from fazhi.core import indicators

    period = indicators.Period.year(YEAR)
    fields = _subtree_fields()
    values, secs, failed = {}, {}, {}
    plain = (indicators.Indicator.figure, indicators.Ratio.figure)
    for code, ind in indicators.REGISTRY.items():
        if type(ind).figure not in plain:  # an average, a share of its own, a longest …
            failed[code] = f"its own figure() ({type(ind).__name__})"
            continue
        field = fields[code]["records"]
        t = time.perf_counter()
        try:
            if isinstance(ind, indicators.Ratio):
                whole = _by_district(ind.records(None, period), field, None)
                part = _by_district(ind.numerator(None, period), fields[code]["numerator"], None)
                got = {
                    r: (Decimal(part.get(r, 0)) / Decimal(whole[r]) if whole.get(r) else Decimal(0))
                    for r in roots
                }
            else:
                rows = _by_district(ind.records(None, period), field, ind.sum_field)
                zero = 0 if ind.sum_field is None else Decimal(0)
                got = {r: rows.get(r) or zero for r in roots}
        except Exception as exc:  # a shape the generic GROUP BY cannot express
            failed[code] = f"{type(exc).__name__}: {str(exc)[:120]}"
            continue
        secs[code] = time.perf_counter() - t
        for r in roots:
            values[code, r] = got[r]
    return values, secs, failed


HAND = {
    "core.Clock": (
        ["K-CLOCK-STARTED", "K-CLOCK-STOPPED", "K-CLOCK-ON-TIME", "K-CLOCK-LATE",
         "K-CLOCK-OVERDUE-NOW"],
        """SELECT split_part(o.path, '/', 2)::int,
                  count(*) FILTER (WHERE c.started_on BETWEEN %(s)s AND %(e)s),
                  count(*) FILTER (WHERE c.stopped_on BETWEEN %(s)s AND %(e)s),
                  count(*) FILTER (WHERE c.stopped_on BETWEEN %(s)s AND %(e)s
                                   AND c.stopped_on <= c.due_on),
                  count(*) FILTER (WHERE c.stopped_on BETWEEN %(s)s AND %(e)s
                                   AND c.stopped_on > c.due_on),
                  count(*) FILTER (WHERE c.stopped_on IS NULL AND NOT c.paused
                                   AND c.due_on < %(today)s)
           FROM core_clock c JOIN core_organisation o ON o.id = c.org_id
           WHERE NOT c.party
           GROUP BY 1""",
    ),
    "core.SupervisionTask": (
        ["K-TASK-OPENED", "K-TASK-CLOSED"],
        """SELECT split_part(o.path, '/', 2)::int,
                  count(*) FILTER (WHERE t.received_on BETWEEN %(s)s AND %(e)s),
                  count(*) FILTER (WHERE t.closed_on BETWEEN %(s)s AND %(e)s
                                   AND t.status = 'closed')
           FROM core_supervisiontask t JOIN core_organisation o ON o.id = t.org_id
           GROUP BY 1""",
    ),
}  # fmt: skip


def floor_hand(roots: list[int]) -> tuple[dict, dict]:
    """The kernel's families as one hand-written statement each (every figure at once)."""
    from django.db import connection

    from fazhi.core import clock, indicators

    period = indicators.Period.year(YEAR)
    params = {"s": period.start, "e": period.end, "today": clock.today()}
    values, secs = {}, {}
    for fam, (codes, sql) in HAND.items():
        t = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute(sql, params)
            rows = {r[0]: r[1:] for r in cur.fetchall()}
        secs[fam] = time.perf_counter() - t
        for r in roots:
            for i, code in enumerate(codes):
                values[code, r] = rows.get(r, (0,) * len(codes))[i]
    return values, secs


def run_child(districts: int) -> dict:
    import django

    django.setup()
    from fazhi.core import indicators

    out = {"province": make_province(districts)}
    roots = out["province"]["roots"]
    out["indicators"] = len(indicators.REGISTRY)
    passes = []
    paths = {}
    for label in ("cold", "warm"):
        p: dict = {"label": label}
        for how in ("many", "batch"):
            log(f"indicator table, {how} ({label}) …")
            t = time.perf_counter()
            paths[how], p[f"{how}_secs"] = indicator_table(roots, how)
            p[f"{how}_s"] = time.perf_counter() - t
        log(f"floor ({label}) …")
        t = time.perf_counter()
        floor, p["floor_secs"], failed = floor_generic(roots)
        p["floor_s"] = time.perf_counter() - t
        hand, p["hand_secs"] = floor_hand(roots)
        passes.append(p)
    log("indicator table, plain (once, after the warm pass) …")
    t = time.perf_counter()
    paths["plain"], secs = indicator_table(roots, "plain")
    out["plain"] = {"s": time.perf_counter() - t, "secs": secs}
    out["passes"] = passes
    out["failed"] = failed
    table = paths["many"]
    out["mismatch"] = {
        f"{c} ({src})": [str(table[c, r]), str(v), r]
        for src, got in [("floor", floor), ("hand", hand), ("batch", paths["batch"]),
                         ("plain", paths["plain"])]
        for (c, r), v in got.items()
        if v != table[c, r]
    }  # fmt: skip
    out["families"] = {}
    from fazhi.core.indicators import Period

    for code, ind in indicators.REGISTRY.items():
        out["families"].setdefault(_family(ind, Period.year(YEAR)), []).append(code)
    out["sample"] = {  # the first and the last district, a few figures, for the eye
        code: [str(table[code, roots[0]]), str(table[code, roots[-1]])]
        for code in ["K-CLOCK-STARTED", "ENF-BUREAU-CASES", "ENF-BUREAU-FINES"]
        if code in indicators.REGISTRY
    }
    return out


# -- the report ----------------------------------------------------------------------------------


def report(out: dict, args) -> str:
    p = out["child"]
    prov = p["province"]
    warm = p["passes"][-1]
    cold = p["passes"][0]
    load = os.getloadavg()
    lines = [
        "# Province scale on PostgreSQL — results",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}; load "
        f"average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (shared machine)",
        f"- Versions: CPython {platform.python_version()}, Django {metadata.version('django')}, "
        f"PostgreSQL {out['pg_version']}, psycopg {metadata.version('psycopg')}",
        f"- PostgreSQL settings: {'fast (fsync off)' if args.pg_fast else 'durable defaults'}",
        f"- `fazhi migrate` {out['migrate_s']:.1f} s, `fazhi demo` {out['demo_s']:.1f} s; "
        f"whole run {out['whole_s']:.0f} s",
        "",
        "## The province",
        "",
        f"{args.districts} districts: the demo district (every domain, year {YEAR}) and "
        f"{args.districts - 1} clones of it under new organisation subtrees; "
        f"{prov['tables']} tables cloned, {prov['rows_per_district']:,} rows per district "
        f"(ledger not cloned), {prov['rows_per_district'] * args.districts:,} rows in all; "
        f"database {prov['db_mb']:,} MB. Cloning: median "
        f"{sorted(prov['clone_s'])[len(prov['clone_s']) // 2] if prov['clone_s'] else 0} s "
        f"per district, ANALYZE {prov['analyze_s']} s; {prov['unique_relaxed']} unique "
        "constraints made plain indexes (the clones repeat the demo's numbers and names).",
        "",
        "## The indicator table against the floor",
        "",
        f"Every registered indicator ({p['indicators']}) for every district "
        f"({args.districts}), three ways: **many** — one "
        "`indicators.evaluate_many(code, year=2019, orgs=districts)` per indicator (one query "
        "grouped by organisation, added up per district; a figure computed in Python, one per "
        "district); **per district** — `indicators.evaluate(code, year=2019, org=district)` "
        f"for each district ({p['indicators'] * args.districts:,} calls, what one district's "
        "annual report does) inside `indicators.batch()` (records narrowed by the subtree's "
        "organisation ids); **plain** — the same calls outside a batch (records narrowed by a "
        "join on the organisation's path: the path before; run once, after the warm pass). "
        "Against the floor: per indicator one query over the province grouped by district "
        "(same records, same filters), and for the kernel's clock and supervision-task "
        "families one hand-written SQL statement each. Seconds of the second (warm) pass; "
        f"the first pass (cold after ANALYZE) took {cold['many_s']:.2f} s (many), "
        f"{cold['batch_s']:.2f} s (per district) and {cold['floor_s']:.2f} s (floor).",
        "",
        "| family (records model) | indicators | in the floor | many, all (s) | many, the "
        "floor's (s) | floor (s) | many ÷ floor | per district, the floor's (s) | ÷ floor "
        "| plain, the floor's (s) | ÷ floor | hand-written single GROUP BY (s) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    fams = p["families"]
    sec, fsec, hsec = warm["many_secs"], warm["floor_secs"], warm["hand_secs"]
    bsec, psec = warm["batch_secs"], p["plain"]["secs"]

    def row(name, codes, hand=None):
        inf = [c for c in codes if c in fsec]
        s_all = sum(sec[c] for c in codes)
        s_in = sum(sec[c] for c in inf)
        b_in = sum(bsec[c] for c in inf)
        p_in = sum(psec[c] for c in inf)
        f = sum(fsec[c] for c in inf)

        def ratio(x):
            return f"{x / f:.2f}×" if f else "—"

        h = f"{hand:.3f} ({s_all / hand:.1f}×)" if hand else "—"
        return (
            f"| {name} | {len(codes)} | {len(inf)} | {s_all:.3f} | {s_in:.3f} | {f:.3f} "
            f"| {ratio(s_in)} | {b_in:.3f} | {ratio(b_in)} | {p_in:.3f} | {ratio(p_in)} | {h} |"
        )

    for fam in sorted(fams, key=lambda f: -sum(psec[c] for c in fams[f])):
        lines.append(row(fam, fams[fam], hsec.get(fam)))
    lines.append(row("**all**", [c for codes in fams.values() for c in codes]))
    lines += [
        "",
        f"Wall clocks of the loops: many {warm['many_s']:.2f} s, per district "
        f"{warm['batch_s']:.2f} s, floor {warm['floor_s']:.2f} s (warm); plain "
        f"{p['plain']['s']:.2f} s.",
        "",
        "Figures that differ from `evaluate_many`'s (floor, hand-written, per district, "
        "plain): "
        + (", ".join(f"{c} ({t} against {f})" for c, (t, f, _r) in p["mismatch"].items()) or "none")
        + ". Not in the generic floor: "
        + (", ".join(f"{c} — {e}" for c, e in p["failed"].items()) or "none")
        + ".",
        "",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--districts", type=int, default=10)
    ap.add_argument("--pg-fast", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--from-json", help="render a saved run instead of running")
    args = ap.parse_args()
    if args.from_json:
        print(report(json.loads(Path(args.from_json).read_text()), args))
        return 0
    if args.child:
        print(json.dumps(run_child(args.districts), default=str))
        return 0
    t0 = time.perf_counter()
    pg = Postgres(prefix="fazhi-province-bench.")
    home = Path(tempfile.mkdtemp(prefix="fazhi-province-bench."))
    out: dict = {"pg_version": pg.version()}
    try:
        pg.start(fast=args.pg_fast)
        env = environment(home, pg.createdb("province"))
        out["migrate_s"] = fazhi(env, "migrate")
        log("fazhi demo …")
        out["demo_s"] = fazhi(env, "demo")
        log(f"fazhi demo took {out['demo_s']:.1f} s; the province …")
        res = subprocess.run(
            [sys.executable, __file__, "--child", f"--districts={args.districts}"],
            env=env,
            stdout=subprocess.PIPE,
        )
        if res.returncode != 0:
            raise RuntimeError("the child run failed (see above)")
        out["child"] = json.loads(res.stdout.decode().strip().splitlines()[-1])
    finally:
        pg.stop()
        shutil.rmtree(home, ignore_errors=True)
    out["whole_s"] = time.perf_counter() - t0
    raw = Path(tempfile.gettempdir()) / "fazhi-province-bench.json"
    raw.write_text(json.dumps(out, default=str))  # --from-json re-renders it
    log(f"raw figures: {raw}")
    text = report(out, args)
    print(text)
    if args.write:
        (HERE / "results.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
