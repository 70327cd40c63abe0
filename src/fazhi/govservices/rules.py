"""The statutory limits of government services (codes into the kernel's rule registry,
``core/data/time_rules.toml``) and the domain rules that cite their article.

行政许可法 clocks run only on licences (``ItemKind.LICENCE``): XK-1 (notify all missing
materials at once within 5 working days of receipt, Art.32(4) — otherwise the application
counts as accepted on receipt), XK-3 (decide within 20 working days of acceptance, +10 with
the head of the agency's approval, Art.42 para 1; hearing, testing, expert review … not
counted, Art.45) and XK-6 (issue the licence within 10 working days of the decision,
Art.44). Filings, confirmations and public services run on their promised limit only.
HP-1 is the period to rectify a bad rating and reply (⚠ in the registry).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from fazhi.core import rules as core_rules
from fazhi.core.dates import fmt

from .models import ItemKind

NOTICE = "XK-1"
ON_THE_SPOT = "XK-2"
DECISION = "XK-3"
ISSUE = "XK-6"
RECTIFY = "HP-1"
RECONSIDERATION = "FY-1"
LITIGATION = "SS-3"


def statutory_clocks(kind: str) -> bool:
    """Whether an item of this kind runs the 行政许可法 clocks."""
    return kind == ItemKind.LICENCE


def statutory_ceiling(day: dt.date) -> int:
    """The longest statutory limit an implementation entry may state (XK-3 in force on
    ``day``): a longer period set by another law must first be entered in the registry."""
    rule = core_rules.resolve(DECISION)
    return core_rules.version_on(rule, day).statutory_length


def promise_problem(statutory_days: int, promised_days, on_the_spot: bool) -> str | None:
    """承诺时限 ≤ 法定时限: a promise is the district's commitment to do better than the law."""
    if promised_days is None or promised_days < 0:
        return _("请填写承诺时限（工作日，可为小数，如 1.5）。")
    if promised_days > statutory_days:
        return _("承诺时限（%(p)s个工作日）不能长于法定时限（%(s)s个工作日）。") % {
            "p": promised_days,
            "s": statutory_days,
        }
    if on_the_spot and promised_days != 0:
        return _("即办件当场办结，承诺时限应为0。")
    return None


def remedies(org_name: str, day: dt.date) -> str:
    """The remedies a refusal must state (行政许可法 Art.38 para 2): reconsideration and
    litigation with their periods as in force on the decision day (FY-1, SS-3)."""
    parts = []
    try:
        fy = core_rules.version_on(core_rules.resolve(RECONSIDERATION), day)
        parts.append(
            _("可以自知道该决定之日起%(n)s日内依法申请行政复议（%(law)s%(art)s）")
            % {"n": fy.length, "law": fy.law, "art": fy.article}
        )
    except LookupError:
        parts.append(_("可以依法申请行政复议"))
    try:
        ss = core_rules.version_on(core_rules.resolve(LITIGATION), day)
        unit = _("个月") if ss.unit == "MONTH" else _("日")
        parts.append(
            _("或者自知道该决定之日起%(n)s%(u)s内依法向人民法院提起行政诉讼（%(law)s%(art)s）")
            % {"n": ss.length, "u": unit, "law": ss.law, "art": ss.article}
        )
    except LookupError:
        parts.append(_("或者依法向人民法院提起行政诉讼"))
    return _("如不服本决定，") + "，".join(parts) + "。"


def late_decision_problem(clock, on: dt.date, reason: str) -> str | None:
    """A decision after the XK-3 due date: refused unless the head of the agency approved an
    extension (Art.42 para 1); once the extension is used up, the late decision is recorded
    with its reason (it shows as 超期办结)."""
    if clock is None or clock.due_on is None or on <= clock.due_on:
        return None
    if clock.extension < clock.version.extension_max:
        return _(
            "已超过法定审查期限（%(d)s到期），不能作出决定：须先经本行政机关负责人批准延长"
            "审查期限并告知申请人理由（行政许可法第四十二条第一款）。"
        ) % {"d": fmt(clock.due_on)}
    if not reason.strip():
        return _("已超过延长后的审查期限（%(d)s到期），请写明超期原因。") % {"d": fmt(clock.due_on)}
    return None
