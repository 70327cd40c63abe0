"""The 政府信息公开条例's rules as this domain applies them (GK-1 … GK-9 in the rule
registry, ``core/data/time_rules.toml``). The version is always the one in force on the day
the request was received (GK-2): the 2007 text (国务院令第492号) before 2019-05-15, the 2019
revision (国务院令第711号) from that day.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, identity, rules
from fazhi.core.calendar import get_calendar
from fazhi.core.models import Clock

REPLY = "GK-4"  # 第三十三条 (2019) / 第二十四条 (2007)
CORRECTION = "GK-3"  # 第三十条 (2019); the 2007 text sets no period
THIRD_PARTY = "GK-5"  # 第三十二条
CO_AGENCY = "GK-6"  # 第三十四条
PROACTIVE = "GK-1"  # 第二十六条 (2019) / 第十八条 (2007)
EXCESSIVE = "GK-7"  # 第三十五条 (2019); nothing in the 2007 text
#: 信息处理费 (2019 text 第四十二条) could be charged only once the State Council's method
#: was in force: 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号). Issued 2020-11-17 ☑ (the
#: notice's date line, in its reprints on government sites); charged from 2021-01-01 ☑ (the
#: provinces' implementing notices, e.g. 黑龙江省财政厅 2021-01-06: "自2021年1月1日起…收取信息
#: 处理费"); the measures' own commencement article was not seen — time_rules.md J17. A request
#: received in 2019 could not be charged a fee.
FEE_FROM = dt.date(2021, 1, 1)
#: 109号 第四条: up to 10 requests a calendar month from one applicant are never charged —
#: the page shows an applicant's count against it as the hint of "数量、频次明显超过合理范围"
MONTHLY_FREE = 10
ANNUAL_DEPARTMENT = "GK-8"
ANNUAL_GOVERNMENT = "GK-9"


def version(code: str, day: dt.date):
    return rules.version_on(rules.resolve(code), day)


def due(code: str, start: dt.date) -> dt.date | None:
    """The due date of ``code`` for an event on ``start`` (None where the version in force
    sets no period, e.g. GK-3 under the 2007 text)."""
    v = version(code, start)
    if not v.length:
        return None
    d, _years = rules.due_or_provisional(get_calendar(), rules.spec_of(v), start)
    return d.due


def reply_clock(request) -> Clock | None:
    return clocks.for_subject(request).filter(rule__code=REPLY).order_by("-id").first()


def correction_problem(request, on: dt.date | None) -> str | None:
    """补正 is told once (一次性告知), within 7 working days of receipt under the 2019 text."""
    # the move sets the step's date before its conditions run: ask the stored row
    before = (
        type(request)
        .objects.filter(pk=request.pk)
        .values_list("correction_notified_on", flat=True)
        .first()
    )
    if before:
        return _(
            "补正告知只能一次性发出（政府信息公开条例第三十条），本申请已于%(d)s告知补正。"
        ) % {"d": dates.fmt(before)}
    if on is None:
        return None
    last = due(CORRECTION, request.received_on)
    if last is not None and on > last:
        return _(
            "补正告知应当自收到申请之日起7个工作日内一次性发出（政府信息公开条例第三十条），"
            "本申请的告知期限至%(d)s。"
        ) % {"d": dates.fmt(last)}
    return None


def reply_problem(request, on: dt.date | None) -> str | None:
    """A reply after the reply period (with its extension, if one was approved) is refused:
    the period is the clock's, computed from the rule version of the receipt date."""
    if on is None:
        return None
    deferred = (
        type(request).objects.filter(pk=request.pk).values_list("deferred_to", flat=True).first()
    )
    if deferred:
        if on > deferred:
            return _(
                "答复日期%(o)s晚于告知申请人的延迟答复期限%(d)s（政府信息公开条例第三十五条）。"
            ) % {"o": dates.fmt(on), "d": dates.fmt(deferred)}
        return None
    c = reply_clock(request)
    if c is None or c.due_on is None:
        return None
    if on > c.due_on:
        if c.extension:
            return _("答复日期%(o)s晚于延长后的答复期限%(d)s，不能再登记为按期答复。") % {
                "o": dates.fmt(on),
                "d": dates.fmt(c.due_on),
            }
        return _(
            "答复日期%(o)s晚于答复期限%(d)s，且未经政府信息公开工作机构负责人批准延长"
            "（政府信息公开条例第三十三条），请先办理延长。"
        ) % {"o": dates.fmt(on), "d": dates.fmt(c.due_on)}
    return None


def applicant_problem(kind: str, id_number: str, credit_code: str) -> None:
    """A natural person's ID number and an organisation's credit code must pass their check
    (GB 11643, GB 32100) when given; the message names what is wrong."""
    from .models import ApplicantKind

    if id_number:
        if kind != ApplicantKind.PERSON:
            raise ValidationError(_("只有自然人申请人填写身份证号码。"))
        try:
            identity.validate_id_number(id_number)
        except identity.IdentityError as exc:
            raise ValidationError(_("申请人身份证号码有误：%(e)s") % {"e": exc}) from exc
    if credit_code:
        if kind == ApplicantKind.PERSON:
            raise ValidationError(_("自然人申请人不填写统一社会信用代码。"))
        try:
            identity.validate_credit_code(credit_code)
        except identity.IdentityError as exc:
            raise ValidationError(_("申请人统一社会信用代码有误：%(e)s") % {"e": exc}) from exc
