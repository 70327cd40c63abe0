"""``fazhi report annual YEAR [--org ORG] [-o DIR]`` (wired in ``fazhi.cli``).

Writes the latest edition of the organisation's report for the year (the district
government's by default; generated from the records as a draft when none exists yet) as DOCX
(GB/T 9704), HTML (every figure a link to its records) and — where LibreOffice is installed —
PDF. Without LibreOffice the DOCX and HTML are still written and one line says why no PDF.
Prints the paths; errors are one line (exit 2), an unreachable database exit 3.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess  # nosec B404
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.template.loader import render_to_string

from fazhi.core.cliutil import CliError, check_database
from fazhi.core.ledger import SystemActor
from fazhi.core.models import Organisation, OrgKind

from . import compose, docx, services
from .models import AnnualReport

ACTOR = SystemActor("命令行（年度报告）")
PDF_TIMEOUT = 120  # seconds


def _org(name: str | None) -> Organisation:
    if name:
        org = Organisation.objects.filter(
            Q(name=name) | Q(short_name=name) | Q(pk=int(name) if name.isdigit() else -1)
        ).first()
        if org is None:
            raise CliError(f"找不到机构：{name}")
        return org
    org = Organisation.objects.filter(kind=OrgKind.DISTRICT).order_by("pk").first()
    if org is None:
        raise CliError("还没有区人民政府（先运行 fazhi demo 或建立组织机构）。")
    return org


def html(report: AnnualReport) -> str:
    return render_to_string(
        "reports/standalone.html",
        {"r": report, "blocks": compose.blocks(report), "links": True},
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path: Path) -> Path:
    exe = soffice()
    if exe is None:
        raise CliError("未安装 LibreOffice（soffice），未生成 PDF；DOCX 和 HTML 已写出。")
    out = docx_path.parent
    # LibreOffice's converter: a fixed executable and arguments, no shell
    subprocess.run(  # nosec B603
        [exe, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
        check=True,
        capture_output=True,
        timeout=PDF_TIMEOUT,
    )
    return docx_path.with_suffix(".pdf")


def cmd_report(args: argparse.Namespace) -> int:
    check_database()
    if args.kind != "annual":
        raise CliError("目前只有 annual（法治政府建设年度报告）。")
    org = _org(args.org)
    report = AnnualReport.objects.filter(org=org, year=args.year).order_by("-edition").first()
    if report is None:
        try:
            report = services.report_generate(actor=ACTOR, org=org, year=args.year)
        except (ValidationError, PermissionDenied) as exc:
            raise CliError("；".join(getattr(exc, "messages", [str(exc)]))) from None
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{report.year}-{org.pk}-v{report.edition}"
    docx_path = out / f"{stem}.docx"
    docx_path.write_bytes(docx.render(report))
    html_path = out / f"{stem}.html"
    html_path.write_text(html(report), encoding="utf-8")
    print(f"{report}（{report.get_status_display()}）")
    print(docx_path)
    print(html_path)
    for p in report.content.get("pending", []):
        print(f"待接入：{p['key']}（{'、'.join(p['modules'])}）", file=sys.stderr)
    try:
        print(to_pdf(docx_path))
    except CliError as exc:
        print(f"fazhi report: {exc}", file=sys.stderr)
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"fazhi report: PDF 转换失败：{exc}；DOCX 和 HTML 已写出。", file=sys.stderr)
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    """``fazhi indicators list|show`` are the kernel's; ``export`` writes the statistics
    workbook (``statistics.workbook``: any set of indicators, an organisation subtree, a year
    or a period, one sheet per module) and prints its path."""
    from fazhi.core import cli_kernel

    from . import statistics
    from .dashboard import parse_period

    if args.action != "export":
        return cli_kernel.cmd_indicators(args)
    check_database()
    if args.year is None and not (args.start and args.end):
        raise CliError("请用 --year 指定年度（或用 --from 与 --to 指定统计期间）。")
    org = _org(args.org) if args.org else None
    params = {"year": str(args.year or ""), "from": args.start, "to": args.end}
    if args.year is None:
        params["year"] = args.start[:4] if args.start[:4].isdigit() else "2000"
    period, error = parse_period(params, None)
    if error:
        raise CliError(error)
    try:
        codes = statistics.codes_of(args.codes)
    except LookupError as exc:
        raise CliError(str(exc.args[0])) from None
    who = org.name if org else "全部机构"
    path = Path(args.output or f"{who}{period}统计指标.xlsx")
    path.write_bytes(statistics.workbook(org, period=period, codes=codes))
    print(path)
    return 0
