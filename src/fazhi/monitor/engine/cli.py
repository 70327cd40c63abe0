"""Command-line entry points, mounted later by the lead under ``fazhi monitor …``.

* ``check URL-or-FILE`` — one line per finding (rule id, severity, URL, evidence); exit 1 when
  any finding is high severity, else 0. ``check FILE`` makes no network request at all;
  ``check URL`` fetches only that page unless ``--links`` is given.
* ``crawl --site SITE.toml`` — a full polite crawl; writes the result JSON.
* ``bulletin --site SITE.toml --result RESULT.json`` — the monthly bulletin as HTML.

Also runnable as ``python -m fazhi.monitor.engine.cli check FILE``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from fazhi.monitor.engine import aio

from .config import SiteConfig, default_site, load_site_config, today_cn

HIGH_EXIT = 1


def _site(path: str | None) -> SiteConfig:
    return load_site_config(path) if path else default_site()


def _host_map(items: list[str] | None) -> dict[str, int] | None:
    if not items:
        return None
    out = {}
    for it in items:
        host, _, port = it.partition("=")
        out[host.strip().lower()] = int(port)
    return out


def _client_factory(mapping: dict[str, int] | None):
    from .crawler import default_client_factory
    from .http import curl_client_factory

    return curl_client_factory(mapping) if mapping else default_client_factory


def _date(s: str | None) -> dt.date:
    return dt.date.fromisoformat(s) if s else today_cn()


def _print_findings(findings, out=None) -> int:
    out = out or sys.stdout
    for f in findings:
        print(f.line(), file=out)
    return HIGH_EXIT if any(f.severity == "high" for f in findings) else 0


def check_file(path: str | Path, site: SiteConfig, as_of: dt.date) -> list:
    """Findings for a local file — no network at all. ``.txt`` = first line is the title.
    Stylesheets referenced by relative URL are read from disk next to the file if present."""
    from .analyse import analyse_html, outcome_from_page
    from .page import page_from_text

    p = Path(path)
    raw = p.read_bytes()
    url = p.resolve().as_uri()
    if p.suffix.lower() in (".txt", ".text"):
        text = raw.decode("utf-8", "replace")
        return outcome_from_page(page_from_text(text, url), site, as_of).findings
    css: dict[str, str] = {}
    import re

    from .urls import normalise_url

    for m in re.finditer(rb"""<link[^>]+href=["']?([^"'\s>]+\.css)""", raw[:200_000], re.I):
        href = m.group(1).decode("utf-8", "replace")
        if "://" in href or href.startswith("//"):
            continue
        local = (p.parent / href.lstrip("/")).resolve()
        if local.is_file():
            base = f"http://{site.homepage.split('/')[2]}/" if site.homepage else "http://x/"
            key = normalise_url(href, base)
            if key:
                css[key] = local.read_text(encoding="utf-8", errors="replace")
    # checks resolve links against the site's homepage so same-host rules apply
    base_url = site.homepage or url
    outcome = analyse_html(raw, base_url, site, as_of=as_of, css=css)
    return [replace(f, url=url) for f in outcome.findings]


async def check_url(
    url: str,
    site: SiteConfig,
    as_of: dt.date,
    *,
    links: bool = False,
    host_map: dict[str, int] | None = None,
    timeout: float = 15.0,
) -> list:
    """Findings for one URL; only that page is fetched unless ``links`` is True."""
    from .analyse import analyse_html
    from .checks.k7_links import link_findings
    from .crawler import Crawler, Limits
    from .urls import normalise_url

    norm = normalise_url(url) or url
    limits = Limits(timeout=timeout, delay=0.0, polite=False, k5_max_pages=0)
    cr = Crawler(
        site,
        client_factory=_client_factory(host_map),
        limits=limits,
        state_path=None,
        on_progress=None,
        as_of=as_of,
        previous_snapshot=None,
    )
    from .http import as_http_client

    client = as_http_client(cr.client_factory())
    try:
        f = await cr.fetch(client, norm)
        if f.error or f.status is None:
            from .findings import Finding

            return [
                Finding(
                    norm,
                    "CRAWL.unreachable",
                    "19-V2",
                    "high",
                    f"无法访问：{f.error or 'no response'}",
                    key="unreachable",
                )
            ]
        css: dict[str, str] = {}
        if links:
            from .crawler import _css_hrefs

            for href in _css_hrefs(f.body, f.final_url):
                if site.in_scope(href):
                    css[href] = await cr._get_css(client, href)
        outcome = analyse_html(
            f.body,
            f.final_url,
            site,
            as_of=as_of,
            content_type=f.headers.get("content-type"),
            status=f.status,
            css=css,
            truncated=f.truncated,
        )
        findings = list(outcome.findings)
        if f.status >= 400:
            from .findings import Finding

            findings.append(
                Finding(
                    norm,
                    "LINK.dead",
                    "15-链接可用性",
                    "medium",
                    f"{norm} → HTTP {f.status}",
                    key=norm,
                )
            )
        if links:
            for target, kind, _ in outcome.links:
                if target in cr.links:
                    continue
                if not site.in_scope(target):
                    await cr._do_external(client, target)
                elif kind in ("page",):
                    g = await cr.fetch(client, target)
                    cr._save_link(cr._status_of(g, kind, False))
                elif kind in ("script", "css"):
                    await cr._do_resource(client, target, kind)
                else:
                    await cr._do_asset(client, target, kind)
            findings += link_findings({norm: outcome.links}, cr.links, site, timeout_s=timeout)
            for fs in cr.script_findings.values():
                findings += fs
        return findings
    finally:
        await client.aclose()
        cr.state.close()


def cmd_check(argv: list[str] | None = None) -> int:
    """``check URL-or-FILE``: print findings; exit 1 on any high-severity finding."""
    ap = argparse.ArgumentParser(prog="fazhi monitor check", description=cmd_check.__doc__)
    ap.add_argument("target", help="URL (http/https) or a local HTML/TXT file")
    ap.add_argument("--site", help="site config (TOML/JSON); default: the demo district")
    ap.add_argument("--links", action="store_true", help="also check the page's links (URL)")
    ap.add_argument("--as-of", help="monitoring time point YYYY-MM-DD (default today)")
    ap.add_argument(
        "--map",
        action="append",
        metavar="HOST=PORT",
        help="send HOST to 127.0.0.1:PORT (tests); other hosts are refused",
    )
    ap.add_argument("--timeout", type=float, default=15.0)
    args = ap.parse_args(argv)
    site = _site(args.site)
    as_of = _date(args.as_of)
    t = args.target
    if t.startswith(("http://", "https://")):
        findings = aio.run(
            check_url(
                t, site, as_of, links=args.links, host_map=_host_map(args.map), timeout=args.timeout
            )
        )
    else:
        if not Path(t).is_file():
            print(f"no such file: {t}", file=sys.stderr)
            return 2
        findings = check_file(t, site, as_of)
    return _print_findings(findings)


def cmd_crawl(argv: list[str] | None = None) -> int:
    """``crawl --site SITE``: crawl politely, print progress to stderr and findings to stdout,
    write ``--out`` JSON; exit 1 on any high-severity finding."""
    from .crawler import Limits, crawl
    from .resultio import save_result

    ap = argparse.ArgumentParser(prog="fazhi monitor crawl", description=cmd_crawl.__doc__)
    ap.add_argument("--site", help="site config (TOML/JSON)")
    ap.add_argument("--state", help="SQLite state file (resume + conditional GET)")
    ap.add_argument("--out", help="write the result JSON here")
    ap.add_argument("--as-of")
    ap.add_argument("--max-pages", type=int, default=20_000)
    ap.add_argument("--delay", type=float, default=1.0)
    ap.add_argument("--no-polite", action="store_true", help="no delay (own test servers only)")
    ap.add_argument("--timeout", type=float, default=15.0)
    ap.add_argument("--map", action="append", metavar="HOST=PORT")
    ap.add_argument(
        "--check-workers",
        type=int,
        default=0,
        choices=range(9),
        metavar="N",
        help="check pages in N worker processes (0-8; default 0: in the crawler's threads)",
    )
    args = ap.parse_args(argv)
    site = _site(args.site)
    limits = Limits(
        max_pages=args.max_pages,
        delay=args.delay,
        polite=not args.no_polite,
        timeout=args.timeout,
        check_workers=args.check_workers,
    )

    def progress(p) -> None:
        if p.urls_done % 50 == 0:
            print(
                f"pages {p.pages_done} urls {p.urls_done} queue {p.queued} errors {p.errors}",
                file=sys.stderr,
            )

    result = aio.run(
        crawl(
            site,
            client_factory=_client_factory(_host_map(args.map)),
            limits=limits,
            state_path=args.state,
            on_progress=progress,
            as_of=_date(args.as_of),
        )
    )
    if args.out:
        save_result(result, args.out)
    return _print_findings(result.findings)


def cmd_bulletin(argv: list[str] | None = None) -> int:
    """``bulletin --result RESULT.json``: write the monthly bulletin as standalone HTML."""
    from .bulletin import build_bulletin, render_html
    from .resultio import load_result

    ap = argparse.ArgumentParser(prog="fazhi monitor bulletin", description=cmd_bulletin.__doc__)
    ap.add_argument("--site")
    ap.add_argument("--result", required=True)
    ap.add_argument("--html", required=True, help="output HTML path")
    ap.add_argument("--period")
    args = ap.parse_args(argv)
    site = _site(args.site)
    b = build_bulletin(load_result(args.result), site=site, period=args.period)
    Path(args.html).write_text(render_html(b), encoding="utf-8")
    print(f"{b.title}: {b.conclusion}; 估算得分 {b.score}")
    return 0


COMMANDS = {"check": cmd_check, "crawl": cmd_crawl, "bulletin": cmd_bulletin}


def main(argv: list[str] | None = None) -> int:
    """``python -m fazhi.monitor.engine.cli {check,crawl,bulletin} …``"""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print(
            "usage: python -m fazhi.monitor.engine.cli {check,crawl,bulletin} ...", file=sys.stderr
        )
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
