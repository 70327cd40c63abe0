"""Staff pages of the portal monitor: sites and their versioned configuration, the lexicon,
crawl runs with live progress, findings with confirm/dismiss, uptime, monthly bulletins (HTML,
DOCX, Excel) and the rectification tasks raised from them. Views parse and call services."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import scoping
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import bulletins, configtext, exports, queries, services
from .. import docx as docx_out
from .. import excel as excel_out
from ..engine.checks.freshness import CATEGORY_ZH
from ..forms import GenerateForm, LexiconForm, SiteForm, TextVersionForm
from ..models import Bulletin, FindingStatus, RunStatus, Severity

ACTIVE = {"active": "monitor"}


def _error(exc: Exception) -> str:
    return "；".join(str(m) for m in getattr(exc, "messages", None) or [str(exc)])


def _can(user, roles, org) -> bool:
    return scoping.has_role(user, *roles, org=org)


def _next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if target and ok else fallback


def _render(request, template: str, context: dict) -> HttpResponse:
    return render(request, template, {**ACTIVE, **context})


# --------------------------------------------------------------------------- sites


@login_required
def home(request):
    sites = list(queries.sites(request.user))
    last = queries.latest_runs([s.pk for s in sites])
    latest_bulletin = {}
    for b in queries.bulletins_for(request.user).order_by("site_id", "-month"):
        latest_bulletin.setdefault(b.site_id, b)
    rows = [(s, last.get(s.pk), latest_bulletin.get(s.pk), queries.uptime(s)) for s in sites]
    return _render(
        request,
        "monitor/home.html",
        {
            "rows": rows,
            "can_config": scoping.has_role(request.user, *services.CONFIG_ROLES),
            "pending": queries.findings(request.user, {"confirm": "1", "status": "open"}).count(),
        },
    )


def _site_form_save(request, form, site=None):
    base = configtext.parse(services.current_config(site).text, "") if site else {}
    text = configtext.dumps(form.mapping(base))
    d = form.cleaned_data
    if site is None:
        return services.site_create(
            actor=request.user,
            org=d["org"],
            code=d["code"],
            name=d["name"],
            config_text=text,
            note=d["note"],
        )
    return services.site_edit(
        actor=request.user,
        site=site,
        name=d["name"],
        org=d["org"],
        is_active=d["is_active"],
        config_text=text,
        note=d["note"],
    )


@login_required
def site_new(request):
    if not scoping.has_role(request.user, *services.CONFIG_ROLES):
        raise PermissionDenied(_("只有监督人员或系统管理员可以登记监测网站。"))
    form = SiteForm(request.POST or None, user=request.user, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            site = _site_form_save(request, form)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已登记监测网站。"))
            return redirect("monitor:site", pk=site.pk)
    return _render(request, "monitor/form.html", {"form": form, "title": _("登记监测网站")})


@login_required
def site_edit(request, pk: int):
    site = queries.site_for(request.user, pk)
    if not _can(request.user, services.CONFIG_ROLES, site.org):
        raise PermissionDenied(_("只有监督人员或系统管理员可以修改监测配置。"))
    current = services.current_config(site)
    initial = SiteForm.initial_from(site, configtext.parse(current.text, ""))
    form = SiteForm(request.POST or None, initial=initial, user=request.user, creating=False)
    if request.method == "POST" and form.is_valid():
        try:
            _site_form_save(request, form, site)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已保存为新的配置版本。"))
            return redirect("monitor:site", pk=site.pk)
    title = _("修改监测配置：%(n)s") % {"n": site.name}
    return _render(request, "monitor/form.html", {"form": form, "title": title, "site": site})


@login_required
def site_thresholds(request, pk: int):
    site = queries.site_for(request.user, pk)
    if not _can(request.user, services.CONFIG_ROLES, site.org):
        raise PermissionDenied(_("只有监督人员或系统管理员可以修改阈值。"))
    current = services.current_config(site)
    form = TextVersionForm(request.POST or None, initial={"text": current.thresholds_text})
    if request.method == "POST" and form.is_valid():
        try:
            services.config_save(
                actor=request.user,
                site=site,
                config_text=current.text,
                thresholds_text=form.cleaned_data["text"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("阈值已保存为新的配置版本。"))
            return redirect("monitor:site", pk=site.pk)
    title = _("修改阈值：%(n)s") % {"n": site.name}
    return _render(request, "monitor/form.html", {"form": form, "title": title, "site": site})


@login_required
def site_detail(request, pk: int):
    site = queries.site_for(request.user, pk)
    versions = list(queries.versions(request.user, site)[:20])
    current = versions[0] if versions else None
    th = configtext.validate_thresholds(current.thresholds_text) if current else None
    return _render(
        request,
        "monitor/site.html",
        {
            "site": site,
            "config": configtext.parse(current.text, "") if current else {},
            "thresholds": th.items.values() if th else [],
            "versions": versions,
            "runs": queries.runs(request.user, site)[:12],
            "uptime": queries.uptime(site),
            "probes": queries.probes(request.user, site)[:24],
            "can_config": _can(request.user, services.CONFIG_ROLES, site.org),
            "can_manage": _can(request.user, services.MANAGE_ROLES, site.org),
            "categories": CATEGORY_ZH,
        },
    )


@login_required
def version_detail(request, pk: int, number: int):
    site = queries.site_for(request.user, pk)
    version = queries.versions(request.user, site).filter(number=number).first()
    if version is None:
        raise Http404
    return _render(request, "monitor/version.html", {"site": site, "version": version})


@login_required
def lexicon(request):
    current = (
        services.current_lexicon() if queries.lexicon_versions(request.user).exists() else None
    )
    can_config = scoping.has_role(request.user, *services.CONFIG_ROLES)
    form = LexiconForm(
        request.POST or None,
        initial={"text": current.text if current else configtext.shipped_text("lexicon.toml")},
        user=request.user,
    )
    if request.method == "POST":
        if not can_config:
            raise PermissionDenied(_("只有监督人员或系统管理员可以修改监测词库。"))
        if form.is_valid():
            try:
                v = services.lexicon_save(actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, _error(exc))
            else:
                messages.success(request, _("词库已保存为第 %(n)s 版。") % {"n": v.number})
                return redirect("monitor:lexicon")
    return _render(
        request,
        "monitor/lexicon.html",
        {
            "form": form,
            "versions": queries.lexicon_versions(request.user)[:20],
            "can_config": can_config,
        },
    )


# --------------------------------------------------------------------------- runs


@login_required
@require_POST
def site_crawl(request, pk: int):
    site = queries.site_for(request.user, pk, write=True)
    try:
        run = services.crawl_request(actor=request.user, site=site)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error(exc))
        return redirect("monitor:site", pk=site.pk)
    messages.success(request, _("抓取已排队，由后台任务执行。"))
    return redirect("monitor:run", pk=run.pk)


@login_required
@require_POST
def site_schedule(request, pk: int):
    site = queries.site_for(request.user, pk, write=True)
    raw_day = request.POST.get("crawl_day", "").strip()
    raw_hour = request.POST.get("crawl_hour", "2").strip() or "2"
    if not raw_hour.isdigit() or (raw_day and not raw_day.isdigit()):
        messages.error(request, _("抓取日和抓取时刻应为整数。"))
        return redirect("monitor:site", pk=site.pk)
    try:
        services.schedule_set(
            actor=request.user, site=site, day=int(raw_day) if raw_day else None, hour=int(raw_hour)
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error(exc))
        return redirect("monitor:site", pk=site.pk)
    messages.success(request, _("已设置每月定时抓取。") if raw_day else _("已取消每月定时抓取。"))
    return redirect("monitor:site", pk=site.pk)


def _progress_context(run):
    live = run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
    return {"run": run, "live": live, "counts": queries.run_counts(run)}


@login_required
def run_detail(request, pk: int):
    run = queries.run_for(request.user, pk)
    return _render(
        request,
        "monitor/run.html",
        {
            **_progress_context(run),
            "can_manage": _can(request.user, services.MANAGE_ROLES, run.site.org),
            "categories": CATEGORY_ZH,
        },
    )


@login_required
def run_progress(request, pk: int):
    run = queries.run_for(request.user, pk)
    return render(request, "monitor/_progress.html", _progress_context(run))


@login_required
@require_POST
def run_stop(request, pk: int):
    run = queries.run_for(request.user, pk)
    try:
        services.crawl_stop(actor=request.user, run=run)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已请求停止；抓取状态已保存，可续抓。"))
    return redirect("monitor:run", pk=run.pk)


# --------------------------------------------------------------------------- findings


@login_required
def findings(request):
    qs = queries.findings(request.user, request.GET)
    if request.GET.get("export") == "xlsx":
        return export_response(exports.FINDINGS, qs.order_by("-id")[:50_000])
    page = keyset(qs, request)
    return _render(
        request,
        "monitor/findings.html",
        {
            "page": page,
            "params": request.GET,
            "sites": queries.sites(request.user),
            "severities": Severity.choices,
            "statuses": FindingStatus.choices,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_POST
def finding_decide(request, pk: int):
    finding = queries.finding_for(request.user, pk, write=True)
    action, note = request.POST.get("action", ""), request.POST.get("note", "")
    try:
        if action == "confirm":
            services.finding_confirm(actor=request.user, finding=finding, note=note)
        elif action == "dismiss":
            services.finding_dismiss(actor=request.user, finding=finding, reason=note)
        elif action == "reopen":
            services.finding_reopen(actor=request.user, finding=finding, reason=note)
        else:
            raise ValidationError(_("未知的操作。"))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已处理。"))
    return redirect(_next(request, reverse("monitor:run", args=[finding.run_id])))


# --------------------------------------------------------------------------- bulletins


@login_required
def bulletin_list(request):
    sites = queries.sites(request.user)
    form = GenerateForm(request.POST or None, sites=sites)
    if request.method == "POST" and form.is_valid():
        try:
            b = services.bulletin_generate(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("通报已生成：%(n)s") % {"n": b.number})
            return redirect("monitor:bulletin", pk=b.pk)
    return _render(
        request,
        "monitor/bulletins.html",
        {
            "rows": queries.bulletins_for(request.user)[:200],
            "form": form,
            "months": queries.months(request.user),
            "can_generate": scoping.has_role(request.user, Role.SUPERVISOR, Role.ADMIN),
        },
    )


@login_required
def bulletin_detail(request, pk: int):
    b = queries.bulletin_for(request.user, pk)
    raised = {r.fingerprint: r.task for r in b.rectifications.select_related("task")}
    return _render(
        request,
        "monitor/bulletin.html",
        {
            "b": b,
            "s": b.snapshot,
            "bb": b.snapshot["bulletin"],
            "raised": raised,
            "can_rectify": _can(request.user, (Role.SUPERVISOR,), b.site.org),
            "categories": CATEGORY_ZH,
        },
    )


def _download(b: Bulletin, data: bytes | str, ext: str, ctype: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=ctype)
    name = f"{b.number}-{b.site.code}-{b.month}.{ext}"
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


@login_required
def bulletin_file(request, pk: int, fmt: str):
    b = queries.bulletin_for(request.user, pk)
    if fmt == "docx":
        return _download(
            b,
            docx_out.render(b.snapshot),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    if fmt == "xlsx":
        return _download(
            b,
            excel_out.render(b.snapshot),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    if fmt == "html":
        return _download(
            b, bulletins.standalone_html(b.snapshot), "html", "text/html; charset=utf-8"
        )
    raise Http404


@login_required
@require_POST
def bulletin_rectify(request, pk: int):
    b = queries.bulletin_for(request.user, pk)
    try:
        made = services.rectification_create(
            actor=request.user, bulletin=b, fingerprints=request.POST.getlist("item")
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已下达整改任务 %(n)s 项。") % {"n": len(made)})
    return redirect("monitor:bulletin", pk=b.pk)
