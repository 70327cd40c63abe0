"""``fazhi monitor {crawl,check,bulletin,probe,sites} …`` (wired in ``fazhi.cli``).

* ``crawl SITE [--max-pages N] [--concurrency N] [--timeout S] [--delay S] [--no-polite]
  [--map HOST=PORT …] [--fresh]`` — crawl a registered site (code or id) for today's
  monitoring time point, store the run and its findings, print one line per finding.
  Progress (pages, queue, errors) goes to stderr every second. An unfinished run of this month
  is resumed unless ``--fresh``. Exit 1 when a finding of high severity is open, 4 when the
  crawl was interrupted (run it again to resume), else 0.
* ``check URL-or-FILE`` — the engine's check: one line per finding, exit 1 on any high
  severity, else 0. ``check FILE`` makes no network request and needs no database.
* ``bulletin YYYY-MM [--site CODE …] [--out DIR]`` — generate (or regenerate) the month's
  bulletin of every site with a finished run; ``--out`` writes HTML, DOCX and Excel. Exit 0.
  ``--combined [--org ID]`` generates the district's combined bulletin instead (DOCX, Excel).
* ``probe [SITE] [--map HOST=PORT …]`` — probe homepages once now (19-V2); exit 1 when one
  failed. ``probe --schedule`` enqueues today's probes and the daily scheduler (Tasks).
* ``sites`` — the registered sites with their configuration version and last run.
* ``compare FILE_OR_URL [--site CODE …] [--map HOST=PORT …] [--no-record]`` — find the page of
  our last crawls that a suspect page copies and print what was added, removed or changed,
  injected spam between 【】; the copy is recorded as a CLONE.copy finding of that crawl. A URL
  must be http(s) and must not point at a private address. Exit 1 when spam was injected into
  the copy, 5 when no crawled page is similar enough, else 0.

Errors are one line (exit 2); an unreachable database is exit 3.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.cliutil import CliError, check_database
from fazhi.core.ledger import SystemActor

EXIT_HIGH = 1
EXIT_INTERRUPTED = 4
EXIT_NO_MATCH = 5


def cmd_monitor(args: argparse.Namespace) -> int:
    verb, argv = args.action, list(args.args or [])
    if verb == "check":
        from .engine.cli import cmd_check

        return cmd_check(argv)
    check_database()
    handlers = {
        "crawl": _crawl,
        "bulletin": _bulletin,
        "probe": _probe,
        "sites": _sites,
        "compare": _compare,
    }
    try:
        return handlers[verb](argv)
    except (ValidationError, PermissionDenied) as exc:
        msgs = getattr(exc, "messages", None) or [str(exc)]
        raise CliError("；".join(str(m) for m in msgs)) from exc


def _actor(verb: str) -> SystemActor:
    return SystemActor(f"系统（命令行 monitor {verb}）")


def _site(ref: str):
    from .models import Site

    site = Site.objects.select_related("org").filter(code=ref).first()
    if site is None and ref.isdigit():
        site = Site.objects.select_related("org").filter(pk=int(ref)).first()
    if site is None:
        raise CliError(f"找不到监测网站：{ref}（用 fazhi monitor sites 查看已登记的网站）")
    return site


def _host_map(items: list[str] | None) -> dict[str, int] | None:
    if not items:
        return None
    out: dict[str, int] = {}
    for item in items:
        host, sep, port = item.partition("=")
        if not sep or not port.isdigit() or not host.strip():
            raise CliError(f"--map 应写作 HOST=PORT：{item}")
        out[host.strip().lower()] = int(port)
    return out


def _parser(verb: str, doc: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=f"fazhi monitor {verb}", description=doc)


def _crawl(argv: list[str]) -> int:
    from . import runner, services
    from .models import FindingStatus, RunStatus

    ap = _parser("crawl", "抓取并检查一个已登记的网站，保存结果。")
    ap.add_argument("site", help="网站代号或编号")
    ap.add_argument("--max-pages", type=int)
    ap.add_argument("--concurrency", type=int, help="每个主机的并发数（1–4）")
    ap.add_argument("--timeout", type=float, help="单次请求超时（秒，默认 15）")
    ap.add_argument("--delay", type=float, help="同一主机两次请求的间隔（秒，默认 1）")
    ap.add_argument("--no-polite", action="store_true", help="不等待间隔（仅限自有测试服务器）")
    ap.add_argument("--map", action="append", metavar="HOST=PORT", help="把 HOST 指向 127.0.0.1")
    ap.add_argument("--fresh", action="store_true", help="不续抓本月未完成的批次，重新开始")
    ap.add_argument("--quiet", action="store_true", help="不输出进度")
    a = ap.parse_args(argv)
    site = _site(a.site)
    overrides = {
        "max_pages": a.max_pages,
        "per_host_concurrency": a.concurrency,
        "timeout": a.timeout,
        "delay": a.delay,
        "polite": False if a.no_polite else None,
    }
    host_map = _host_map(a.map)
    actor = _actor("crawl")
    run = services.crawl_start(actor=actor, site=site, resume=not a.fresh)

    def echo(p) -> None:
        if not a.quiet:
            print(
                f"已抓页面 {p.pages_done} · 已查网址 {p.urls_done} · 队列 {p.queued} · 错误 {p.errors}",
                file=sys.stderr,
            )

    run = runner.execute(actor=actor, run=run, host_map=host_map, limits=overrides, echo=echo)
    if run.status == RunStatus.INTERRUPTED:
        print(f"批次 {run.pk} 已中断（{run.stop_reason}），再次运行即可续抓。", file=sys.stderr)
        return EXIT_INTERRUPTED
    high = False
    for f in run.findings.order_by("id"):
        flag = " [需人工确认]" if f.needs_confirmation else ""
        gone = " [已排除]" if f.status == FindingStatus.DISMISSED else ""
        print(f"{f.rule_id}\t{f.severity}{flag}{gone}\t{f.url}\t{f.evidence}")
        high |= f.severity == "high" and f.status != FindingStatus.DISMISSED
    print(
        f"批次 {run.pk}：{site.code} 监测时间点 {run.as_of}，页面 {run.pages_done} 个，"
        f"问题 {run.findings.count()} 个"
        + ("" if run.complete else f"（未抓完：{run.stop_reason}）"),
        file=sys.stderr,
    )
    return EXIT_HIGH if high else 0


def _bulletin(argv: list[str]) -> int:
    from . import bulletins, services
    from . import docx as docx_out
    from . import excel as excel_out
    from .models import CrawlRun, RunStatus, Site

    ap = _parser("bulletin", "生成某月的网站监测通报（HTML、DOCX、Excel）。")
    ap.add_argument("month", help="月份 YYYY-MM，如 2026-11")
    ap.add_argument("--site", action="append", help="只生成这些网站（代号）")
    ap.add_argument("--out", help="把 HTML、DOCX、Excel 写入此目录")
    ap.add_argument("--combined", action="store_true", help="生成全区通报（全部网站一份）")
    ap.add_argument("--org", help="全区通报的发文单位（编号，默认最上级单位）")
    a = ap.parse_args(argv)
    if a.combined:
        return _combined(a)
    try:
        bulletins.parse_month(a.month)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if a.site:
        sites = [_site(s) for s in a.site]
    else:
        ids = CrawlRun.objects.filter(month=a.month, status=RunStatus.DONE).values("site_id")
        sites = list(Site.objects.filter(pk__in=ids, is_active=True).select_related("org"))
    if not sites:
        raise CliError(f"{a.month} 没有已完成的抓取，无法生成通报（先运行 fazhi monitor crawl）")
    out = Path(a.out) if a.out else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for site in sites:
        b = services.bulletin_generate(actor=_actor("bulletin"), site=site, month=a.month)
        print(f"{b.number}\t{b.title}\t{b.conclusion}\t估算得分 {b.score:g}")
        if out:
            stem = out / f"{site.code}-{a.month}"
            stem.with_suffix(".html").write_text(
                bulletins.standalone_html(b.snapshot), encoding="utf-8"
            )
            stem.with_suffix(".docx").write_bytes(docx_out.render(b.snapshot))
            stem.with_suffix(".xlsx").write_bytes(excel_out.render(b.snapshot))
    return 0


def _combined(a: argparse.Namespace) -> int:
    from fazhi.core.models import Organisation

    from . import district, services

    if a.org:
        org = Organisation.objects.filter(pk=int(a.org) if a.org.isdigit() else -1).first()
        if org is None:
            raise CliError(f"找不到单位：{a.org}")
    else:
        org = Organisation.objects.filter(parent=None).order_by("pk").first()
        if org is None:
            raise CliError("还没有任何单位。")
    b = services.district_bulletin_generate(actor=_actor("bulletin"), org=org, month=a.month)
    snap = b.snapshot
    print(
        f"{b.number}\t{b.title}\t合格 {snap['passed']}/{snap['total']}\t问题 {snap['problems']} 个"
    )
    for p in snap["sites"]:
        print(f"  {p['rank']}\t{p['name']}\t{'合格' if p['passed'] else '不合格'}\t{p['score']}")
    if a.out:
        out = Path(a.out)
        out.mkdir(parents=True, exist_ok=True)
        stem = out / f"district-{a.month}"
        stem.with_suffix(".docx").write_bytes(district.render_docx(snap))
        stem.with_suffix(".xlsx").write_bytes(district.render_xlsx(snap))
    return 0


def _probe(argv: list[str]) -> int:
    from . import queries, runner, tasks
    from .models import Site

    ap = _parser("probe", "探测首页可用性（单项否决 V2）。")
    ap.add_argument("site", nargs="?", help="网站代号（默认全部启用的网站）")
    ap.add_argument("--map", action="append", metavar="HOST=PORT")
    ap.add_argument("--schedule", action="store_true", help="安排今天的定时探测（后台任务）")
    a = ap.parse_args(argv)
    if a.schedule:
        result = tasks.schedule_probes.call()
        print(f"已安排 {result['day']}：{result['sites']} 个网站，{result['probes']} 次探测")
        return 0
    sites = [_site(a.site)] if a.site else list(Site.objects.filter(is_active=True))
    if not sites:
        raise CliError("没有启用监测的网站。")
    failed = False
    for site in sites:
        p = runner.probe(actor=_actor("probe"), site=site, host_map=_host_map(a.map))
        failed |= not p.ok
        stats = queries.uptime(site)
        ratio = f"{stats.ratio:.1%}" if stats and stats.ratio is not None else "—"
        print(
            f"{site.code}\t{'正常' if p.ok else '失败'}\t{p.status or '-'}\t"
            f"{p.elapsed_ms if p.elapsed_ms is not None else '-'}ms\t{p.error}\t"
            f"7日失败率 {ratio}（{stats.status if stats else '未检测'}）"
        )
    return EXIT_HIGH if failed else 0


def _sites(argv: list[str]) -> int:
    from . import queries
    from .models import Site

    _parser("sites", "列出已登记的监测网站。").parse_args(argv)
    rows = list(Site.objects.select_related("org").order_by("code"))
    last = queries.latest_runs([s.pk for s in rows])
    for s in rows:
        v = s.versions.order_by("-number").first()
        r = last.get(s.pk)
        run = f"{r.as_of} {r.get_status_display()}" if r else "未抓取"
        state = "启用" if s.is_active else "停用"
        print(f"{s.code}\t{s.name}\t{s.org.name}\tv{v.number if v else '-'}\t{run}\t{state}")
    if not rows:
        print("尚未登记监测网站。", file=sys.stderr)
    return 0


def _compare(argv: list[str]) -> int:
    from . import compare, services
    from .models import Site

    ap = _parser("compare", "查找可疑页面复制了本区哪个网页，并列出新增、删除和改动的内容。")
    ap.add_argument("source", help="可疑页面的网址（http/https）或保存的文件")
    ap.add_argument("--site", action="append", help="只与这些网站比对（代号，默认全部）")
    ap.add_argument("--map", action="append", metavar="HOST=PORT", help="把 HOST 指向 127.0.0.1")
    ap.add_argument("--no-record", action="store_true", help="不记录为监测问题")
    a = ap.parse_args(argv)
    sites = (
        [_site(s) for s in a.site]
        if a.site
        else list(Site.objects.filter(is_active=True).select_related("org").order_by("code"))
    )
    if not sites:
        raise CliError("没有可比对的监测网站。")
    result = compare.compare(a.source, sites, host_map=_host_map(a.map))
    if not result.found:
        print(f"{result.suspect}：在最近的抓取中没有找到与之相似的页面。", file=sys.stderr)
        return EXIT_NO_MATCH
    print(f"可疑页面：{result.suspect}")
    print(f"原始页面：{result.original}（{result.site.code}，抓取批次 {result.run.pk}）")
    print(f"相似度：{result.similarity:.0%}")
    for line in result.report.lines():
        print(line)
    if not a.no_record:
        f = services.clone_record(
            actor=_actor("compare"),
            run=result.run,
            suspect=result.suspect,
            original=result.original,
            similarity=result.similarity,
            added=len(result.report.added) + len(result.report.changed),
            injected=result.report.injected,
        )
        print(f"已记录监测问题 #{f.pk}（{f.rule_id}，{f.severity}）", file=sys.stderr)
    return EXIT_HIGH if result.report.injected else 0
