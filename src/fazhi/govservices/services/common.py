"""What the application services share: numbers (the application's and its notices'),
the applicant's identity checks, the promised due moment, local time."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import identity, ledger, numbering
from fazhi.core.calendar import get_calendar
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation

from .. import actions, worktime
from ..models import ApplicantKind, Application, AppNotice, ImplementationEntry, NoticeKind

#: the character a notice's number carries after the body's prefix (芙审服受〔2019〕3号)
NOTICE_MARK = {
    NoticeKind.RECEIPT: "收",
    NoticeKind.SUPPLEMENT: "补",
    NoticeKind.ACCEPTANCE: "受",
    NoticeKind.REJECTION: "不受",
    NoticeKind.EXTENSION: "延",
    NoticeKind.GRANT: "许",
    NoticeKind.REFUSAL: "不许",
    NoticeKind.COMMITMENT: "承",
    NoticeKind.TIME_NEEDED: "告",
}


def local(at: dt.datetime) -> dt.datetime:
    """An aware moment as naive local time (Asia/Shanghai), for office-hour arithmetic."""
    return timezone.localtime(at).replace(tzinfo=None)


def aware(at: dt.datetime) -> dt.datetime:
    return timezone.make_aware(at) if timezone.is_naive(at) else at


def prefix(org: Organisation) -> str:
    """The body's 文书机关代字 (``ServiceBody.doc_prefix``), or 芙 + its short name without
    区/街道/办事处 for a body not set up yet."""
    from ..models import ServiceBody

    body = ServiceBody.objects.filter(org=org).only("doc_prefix").first()
    if body is not None:
        return body.doc_prefix
    label = org.label
    for cut in ("办事处", "街道", "管理委员会"):
        label = label.replace(cut, "")
    return "芙" + label.removeprefix("区")[:4]


def root_of(org: Organisation) -> Organisation:
    first = int(org.path.strip("/").split("/")[0])
    return org if first == org.pk else Organisation.objects.get(pk=first)


def application_number(actor: Actor, org: Organisation, year: int, app: Application) -> str:
    """办件编号 from the district's one series (430102-2019-123), so a number names one
    application whichever window took it."""
    root = root_of(org)
    series = numbering.series_get_or_create(
        actor=actor,
        org=root,
        kind="gs-application",
        year=year,
        prefix=root.division_code or "000000",
        pattern="{prefix}-{year}-{n}",
    )
    return numbering.issue(actor=actor, series=series, subject=app).text


def notice_issue(
    actor: Actor, app: Application, kind: str, on: dt.date, content: dict | None = None
) -> AppNotice:
    """A numbered written notice (the year from its valid date), recorded on the application."""
    series = numbering.series_get_or_create(
        actor=actor,
        org=app.org,
        kind=f"gs-{kind}",
        year=on.year,
        prefix=prefix(app.org) + NOTICE_MARK[kind],
    )
    text = numbering.issue(actor=actor, series=series, subject=app).text
    n = AppNotice.objects.create(
        application=app,
        kind=kind,
        number=text,
        issued_on=on,
        content=ledger.jsonable(content or {}),
    )
    ledger.record(
        actor=actor,
        action=actions.APP_NOTICE,
        subject=app,
        data={"kind": kind, "number": text, "on": on},
        also=[n],
    )
    return n


def check_code() -> str:
    """The six digits printed on the receipt that, with the number, open the public status."""
    return f"{secrets.randbelow(1_000_000):06d}"


def applicant_problems(
    *,
    kind: str,
    name: str,
    id_number: str = "",
    credit_code: str = "",
    agent_name: str = "",
    agent_id_number: str = "",
    has_power_of_attorney: bool = False,
) -> dict[str, str]:
    """The applicant's problems by field: a person by 公民身份号码 (GB 11643), an organisation
    by 统一社会信用代码 (GB 32100); an agent needs an ID number and a power of attorney."""
    out = {}
    if kind not in ApplicantKind.values:
        out["applicant_kind"] = _("申请人类型不正确。")
    if not name.strip():
        out["applicant_name"] = _("请填写申请人名称或姓名。")
    if kind == ApplicantKind.PERSON:
        try:
            identity.validate_id_number(id_number)
        except identity.IdentityError as exc:
            out["applicant_id_number"] = _("申请人身份证号码：%(m)s") % {"m": exc.message}
    elif kind == ApplicantKind.ORG:
        try:
            identity.validate_credit_code(credit_code)
        except identity.IdentityError as exc:
            out["applicant_credit_code"] = _("统一社会信用代码：%(m)s") % {"m": exc.message}
    if agent_name.strip() or agent_id_number.strip():
        try:
            identity.validate_id_number(agent_id_number)
        except identity.IdentityError as exc:
            out["agent_id_number"] = _("代理人身份证号码：%(m)s") % {"m": exc.message}
        if not agent_name.strip():
            out["agent_name"] = _("请填写委托代理人姓名。")
        if not has_power_of_attorney:
            out["power_of_attorney"] = _("委托他人代为申请的，须提交授权委托书。")
    return out


def promised_due(
    entry: ImplementationEntry, window, at: dt.datetime, days=None
) -> dt.datetime | None:
    """The promise's due moment (aware) counted in the window's office hours from ``at``
    (``worktime``; on plain weeks where next year's holidays are not announced yet); None
    for an application with no window anywhere (nothing to count in)."""
    hours_owner = window or entry.window
    if hours_owner is None:
        return None
    limit = entry.promised_days if days is None else days
    due, _guess = worktime.reaching(
        get_calendar(), worktime.promised_due, hours_owner.hours.hours(), local(at), limit
    )
    return aware(due)


def workday_after(day: dt.date, days: int) -> tuple[dt.date, bool]:
    """``days`` natural days after ``day``, moved to the next working day (民法典 Art.203's
    rule for a last day that is a rest day); provisional when the year is not announced."""

    def fn(cal, d):
        return cal.next_workday(d)

    return worktime.reaching(get_calendar(), fn, day + dt.timedelta(days=days))


def validation(problems) -> ValidationError:
    return ValidationError(list(problems.values()) if isinstance(problems, dict) else problems)
