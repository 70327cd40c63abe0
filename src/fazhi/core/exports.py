"""The kernel's own registers, export-only: users, organisations, code tables, the login and
operation logs, supervision tasks, indicators and the official calendar. The workspace's
lists download them with the page's filters; ``fazhi export NAME`` writes them whole
(scoped to ``--user`` and ``--org``). Headers of export-only registers follow the reader's
language (an import file's headers are always Chinese). Registered in ``CoreConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import actions, indicators, queries, scoping
from .dataexchange import registry
from .dataexchange.registry import Column, Kind, Register
from .dataexchange.resolver import Resolver
from .dataexchange.values import label
from .models import (
    CalendarDay,
    CodeItem,
    LedgerEvent,
    LoginOutcome,
    LoginRecord,
    Organisation,
    OrgKind,
    SupervisionTask,
    User,
)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def _cols(*specs) -> tuple[Column, ...]:
    """Export-only columns: (lazy header, key[, kind])."""
    return tuple(Column(h, k, kind=rest[0] if rest else Kind.TEXT) for h, k, *rest in specs)


def _users(*, actor, org=None, year=None):
    qs = User.objects.select_related("primary_org")
    return Resolver(actor, org).scoped(qs).order_by("username")


USERS = Register(
    name="users",
    title=gettext_lazy("用户"),
    model=User,
    columns=_cols(
        (gettext_lazy("登录名"), "username"),
        (gettext_lazy("姓名"), "full_name"),
        (gettext_lazy("所属单位"), "primary_org", Kind.NAME),
        (gettext_lazy("状态"), "is_active"),
        (gettext_lazy("最近登录"), "last_login"),
    ),
    row_of=lambda u: [
        u.username,
        u.full_name,
        str(u.primary_org or ""),
        _("启用") if u.is_active else _("停用"),
        u.last_login.strftime("%Y-%m-%d %H:%M") if u.last_login else "",
    ],
    records=_users,
)


def _orgs(*, actor, org=None, year=None):
    qs = Organisation.objects.select_related("parent")
    return Resolver(actor, org).scoped(qs).order_by("path")


ORGS = Register(
    name="orgs",
    title=gettext_lazy("组织机构"),
    model=Organisation,
    columns=_cols(
        (gettext_lazy("编号"), "id", Kind.INTEGER),
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("简称"), "short_name"),
        (gettext_lazy("类型"), "kind", Kind.CHOICE),
        (gettext_lazy("行政区划代码"), "division_code", Kind.CODE),
        (gettext_lazy("上级"), "parent", Kind.NAME),
    ),
    row_of=lambda o: [
        o.pk,
        o.name,
        o.short_name,
        label(OrgKind, o.kind),
        o.division_code,
        o.parent.name if o.parent else "",
    ],
    records=_orgs,
)


def _codes(*, actor, org=None, year=None):
    if isinstance(actor, User) and not scoping.memberships(actor):
        return CodeItem.objects.none()
    return CodeItem.objects.select_related("table").order_by("table__code", "sort_order", "pk")


CODES = Register(
    name="code-items",
    title=gettext_lazy("字典"),
    model=CodeItem,
    columns=_cols(
        (gettext_lazy("字典"), "table", Kind.CODE),
        (gettext_lazy("编码"), "code", Kind.CODE),
        (gettext_lazy("名称"), "label"),
        (gettext_lazy("英文名称"), "label_en"),
        (gettext_lazy("排序"), "sort_order", Kind.INTEGER),
        (gettext_lazy("启用"), "is_active"),
        (gettext_lazy("备注"), "note"),
    ),
    row_of=lambda i: [
        i.table.code,
        i.code,
        i.label,
        i.label_en,
        i.sort_order,
        _("是") if i.is_active else _("否"),
        i.note,
    ],
    records=_codes,
)


def _logins(*, actor, org=None, year=None):
    qs = queries.login_log(actor) if isinstance(actor, User) else LoginRecord.objects.all()
    if year:
        qs = qs.filter(at__year=year)
    return qs.order_by("-id")


LOGIN_LOG = Register(
    name="login-log",
    title=gettext_lazy("登录日志"),
    model=LoginRecord,
    columns=_cols(
        (gettext_lazy("时间"), "at"),
        (gettext_lazy("登录名"), "username"),
        (gettext_lazy("结果"), "outcome", Kind.CHOICE),
        (gettext_lazy("IP地址"), "ip"),
        (gettext_lazy("浏览器"), "user_agent"),
        (gettext_lazy("说明"), "detail"),
    ),
    row_of=lambda r: [
        _local(r.at),
        r.username,
        label(LoginOutcome, r.outcome),
        r.ip,
        r.user_agent,
        r.detail,
    ],
    records=_logins,
)


def _events(*, actor, org=None, year=None):
    qs = queries.op_log(actor) if isinstance(actor, User) else LedgerEvent.objects.all()
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if year:
        qs = qs.filter(at__year=year)
    return qs.order_by("-seq")


OPERATION_LOG = Register(
    name="operation-log",
    title=gettext_lazy("操作日志"),
    model=LedgerEvent,
    columns=_cols(
        (gettext_lazy("序号"), "seq", Kind.INTEGER),
        (gettext_lazy("时间"), "at"),
        (gettext_lazy("操作人"), "actor_name"),
        (gettext_lazy("单位"), "org_name"),
        (gettext_lazy("操作"), "action"),
        (gettext_lazy("对象"), "subject_label"),
        (gettext_lazy("哈希"), "hash", Kind.CODE),
    ),
    row_of=lambda e: [
        e.seq,
        _local(e.at),
        e.actor_name,
        e.org_name,
        str(actions.label(e.action)),
        e.subject_label,
        e.hash,
    ],
    records=_events,
)


def _tasks(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(SupervisionTask.objects.select_related("org"))
    if year:
        qs = qs.filter(received_on__year=year)
    return qs.order_by("-received_on", "-id")


def _task_row(t: SupervisionTask) -> list[Any]:
    return [
        t.number,
        t.title,
        t.org.name,
        t.get_status_display(),
        t.received_on.isoformat(),
        t.closed_on.isoformat() if t.closed_on else "",
    ]


TASKS = Register(
    name="supervision-tasks",
    title=gettext_lazy("督办整改任务"),
    model=SupervisionTask,
    columns=_cols(
        (gettext_lazy("编号"), "number", Kind.CODE),
        (gettext_lazy("标题"), "title"),
        (gettext_lazy("整改单位"), "org", Kind.NAME),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
        (gettext_lazy("下达日期"), "received_on", Kind.DATE),
        (gettext_lazy("办结日期"), "closed_on", Kind.DATE),
    ),
    row_of=_task_row,
    records=_tasks,
)


def _figures(*, actor, org=None, year=None):
    from . import clock

    y = year or clock.today().year - 1
    return [indicators.evaluate(code, year=y, org=org) for code in sorted(indicators.REGISTRY)]


INDICATORS = Register(
    name="indicators",
    title=gettext_lazy("指标"),
    columns=_cols(
        (gettext_lazy("代码"), "code", Kind.CODE),
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("数值"), "value"),
        (gettext_lazy("口径"), "definition"),
    ),
    row_of=lambda f: [f.indicator.code, f.indicator.name, f.text, f.indicator.definition],
    records=_figures,
)


def _days(*, actor, org=None, year=None):
    qs = CalendarDay.objects.order_by("date")
    return qs.filter(notice_year=year) if year else qs


CALENDAR = Register(
    name="calendar",
    title=gettext_lazy("工作日历"),
    model=CalendarDay,
    # the headers the calendar's own import reads (core/calendar.py EXPORT_HEADER)
    columns=(
        Column("date", "date", kind=Kind.DATE),
        Column("kind", "kind", kind=Kind.CODE),
        Column("name", "name"),
        Column("notice_year", "notice_year", kind=Kind.INTEGER),
        Column("source", "source"),
    ),
    row_of=lambda d: [d.date.isoformat(), d.kind, d.name, d.notice_year_id, d.source],
    records=_days,
)


def register() -> None:
    for reg in (USERS, ORGS, CODES, LOGIN_LOG, OPERATION_LOG, TASKS, INDICATORS, CALENDAR):
        registry.register(reg)
