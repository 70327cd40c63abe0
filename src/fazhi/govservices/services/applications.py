"""Every write on an application from receipt to acceptance (行政许可法 Arts.29–32): receive at
a window, online, by post or from the one-network platform; record materials as they come
in; notify every missing material once (XK-1); accept — or, once XK-1 has run out without a
notice, accept as of receipt (deemed acceptance); refuse to accept; withdraw.

Each function checks the actor's role over the application first (``require_role``), checks
its business dates, moves the application through the kernel's ``transition()`` where the
status changes, runs its clocks and appends ledger events — in one transaction, or changes
nothing. The decision and what follows it are in ``decisions.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger
from fazhi.core.attachments import store
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules, states
from ..models import (
    Application,
    AppMaterial,
    AppStatus,
    Channel,
    Delegation,
    EntryStatus,
    ImplementationEntry,
    ItemMaterial,
    ItemStatus,
    NoticeKind,
    Window,
)
from . import common

S = AppStatus
CLERK, LEADER = Role.CLERK, Role.LEADER


def _delegation(entry: ImplementationEntry, org: Organisation) -> Delegation | None:
    if org.pk == entry.org_id:
        return None
    d = Delegation.objects.filter(item=entry.item, to_org=org).first()
    if d is None:
        raise ValidationError(
            _("%(o)s 不是“%(i)s”的实施主体，该事项也未下放至该单位。")
            % {"o": org.label, "i": entry.item.name}
        )
    return d


def receive(
    *,
    actor: Actor,
    entry: ImplementationEntry,
    channel: str,
    applicant_kind: str,
    applicant_name: str,
    at: dt.datetime,
    received: Iterable[ItemMaterial] = (),
    applicant_id_number: str = "",
    applicant_credit_code: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    agent_name: str = "",
    agent_id_number: str = "",
    agent_phone: str = "",
    power_of_attorney: bytes | None = None,
    power_of_attorney_name: str = "",
    org: Organisation | None = None,
    window: Window | None = None,
    external_ref: str = "",
    handler: User | None = None,
    package_application=None,
) -> Application:
    """收件: the application is registered with the materials handed in, numbered, given a
    receipt with its check code; for a licence the 5-working-day notice period (XK-1) starts.
    A delegated item is received by the street or park it was delegated to."""
    org = org or entry.org
    require_role(actor, CLERK, org=org, message=_("只有实施主体的窗口人员可以收件。"))
    at = common.aware(at)
    day = common.local(at).date()
    item = entry.item
    problems = common.applicant_problems(
        kind=applicant_kind,
        name=applicant_name,
        id_number=applicant_id_number,
        credit_code=applicant_credit_code,
        agent_name=agent_name,
        agent_id_number=agent_id_number,
        has_power_of_attorney=power_of_attorney is not None,
    )
    if channel not in Channel.values:
        problems["channel"] = _("申请方式不正确。")
    if entry.status != EntryStatus.FILED or item.status != ItemStatus.IN_FORCE:
        problems["entry"] = _("“%(i)s”不在实施中，不能收件。") % {"i": item.name}
    if not item.on_application:
        problems["entry"] = _("“%(i)s”不是依申请事项。") % {"i": item.name}
    if window is not None and (window.org_id != org.pk or window.closed_on is not None):
        problems["window"] = _("收件窗口须是本单位在用的窗口。")
    msg = dates.not_future(_("收件日期"), day)
    if msg:
        problems["at"] = msg
    materials = list(received)
    if any(m.item_id != item.pk or m.cut for m in materials):
        problems["received"] = _("所收材料不属于该事项的申请材料清单。")
    if problems:
        raise common.validation(problems)
    delegation = _delegation(entry, org)
    with transaction.atomic():
        app = Application.objects.create(
            org=org,
            item=item,
            entry=entry,
            window=window or (entry.window if org.pk == entry.org_id else None),
            delegation=delegation,
            package_application=package_application,
            channel=channel,
            external_ref=external_ref.strip(),
            applicant_kind=applicant_kind,
            applicant_name=applicant_name.strip(),
            applicant_id_number=applicant_id_number.strip().upper(),
            applicant_credit_code=applicant_credit_code.strip().upper(),
            applicant_phone=applicant_phone.strip(),
            applicant_address=applicant_address.strip(),
            agent_name=agent_name.strip(),
            agent_id_number=agent_id_number.strip().upper(),
            agent_phone=agent_phone.strip(),
            check_code=common.check_code(),
            received_at=at,
            received_on=day,
            handler=handler or (actor if isinstance(actor, User) else None),
            status=S.RECEIVED,
            title=_("%(a)s申请%(i)s") % {"a": applicant_name.strip(), "i": item.name},
        )
        app.number = common.application_number(actor, org, day.year, app)
        if power_of_attorney is not None:
            app.power_of_attorney = store(
                actor=actor,
                source=power_of_attorney,
                name=power_of_attorney_name or "授权委托书.pdf",
                subject=app,
                note=_("授权委托书"),
            )
        app.save(update_fields=["number", "power_of_attorney"])
        got = {m.pk for m in materials}
        AppMaterial.objects.bulk_create(
            AppMaterial(application=app, material=m, received_on=day if m.pk in got else None)
            for m in item.materials.filter(cut=False)
        )
        ledger.record(
            actor=actor,
            action=actions.APP_RECEIVE,
            subject=app,
            data={
                "channel": channel,
                "entry": entry.pk,
                "at": at,
                "materials": sorted(m.name for m in materials),
                "delegated_to": org.name if delegation else "",
            },
        )
        common.notice_issue(actor, app, NoticeKind.RECEIPT, day, {"materials": sorted(got)})
        if rules.statutory_clocks(item.kind):
            clocks.start(
                actor=actor, subject=app, rule_code=rules.NOTICE, on=day, label=_("补正告知")
            )
    return app


def materials_receive(
    *, actor: Actor, application: Application, materials: Iterable[ItemMaterial], on: dt.date
) -> Application:
    """Materials handed in after receipt (the 补正)."""
    require_role(actor, CLERK, obj=application, message=_("只有本单位窗口人员可以登记收到材料。"))
    if application.status not in (S.RECEIVED, S.SUPPLEMENT):
        raise ValidationError(_("办件已受理或已办结，不能再登记补正材料。"))
    after = [(_("收件日期"), application.received_on)]
    if application.notified_on:
        after.append((_("补正告知日期"), application.notified_on))
    dates.check_new(_("补正日期"), on, *after)
    ids = [m.pk for m in materials]
    with transaction.atomic():
        rows = AppMaterial.objects.filter(
            application=application, material_id__in=ids, received_on__isnull=True
        )
        names = sorted(rows.values_list("material__name", flat=True))
        if not names:
            raise ValidationError(_("请选择尚未收到的材料。"))
        rows.update(received_on=on)
        if application.status == S.SUPPLEMENT:
            application.supplemented_on = on
            application.save(update_fields=["supplemented_on"])
        ledger.record(
            actor=actor,
            action=actions.APP_MATERIALS,
            subject=application,
            data={"materials": names, "on": on},
        )
    return application


def notify_missing(
    *, actor: Actor, application: Application, on: dt.date, version: int | None = None
) -> Application:
    """一次告知补正: the notice lists exactly the required materials not received — taken
    from the record, never typed — and stops the XK-1 clock; after XK-1 the application
    counts as accepted on receipt and the notice is refused (states.notice_period_over)."""
    require_role(actor, CLERK, obj=application, message=_("只有本单位窗口人员可以告知补正。"))
    missing = states.missing_materials(application)
    with transaction.atomic():
        app = transition(
            actor=actor,
            matter=application,
            to=S.SUPPLEMENT,
            on=on,
            version=version,
            data={"missing": missing},
        )
        common.notice_issue(actor, app, NoticeKind.SUPPLEMENT, on, {"missing": missing})
        c = states.open_clock(app, rules.NOTICE)
        if c is not None:
            clocks.stop(actor=actor, clock=c, on=on)
    return app


def accept(
    *, actor: Actor, application: Application, at: dt.datetime, version: int | None = None
) -> Application:
    """受理 with every required material. If XK-1 ran out with no notice, the application
    counts as accepted on the day of receipt (Art.32(4)): the acceptance is dated back, the
    decision clock (XK-3) starts from receipt and the promise from the moment of receipt."""
    require_role(actor, CLERK, obj=application, message=_("只有本单位窗口人员可以受理。"))
    at = common.aware(at)
    day = common.local(at).date()
    deemed = (
        application.status == S.RECEIVED and states.notice_period_over(application, day) is not None
    )
    legal_day, legal_at = (
        (application.received_on, application.received_at) if deemed else (day, at)
    )
    if deemed:
        dates.check_new(_("受理日期"), day, (_("收件日期"), application.received_on))
    with transaction.atomic():

        def fill(a: Application) -> None:
            a.accepted_at, a.deemed_accepted = legal_at, deemed
            days = a.delegation.new_days if a.delegation_id else None
            a.promised_due_at = common.promised_due(a.entry, a.window, legal_at, days)

        app = transition(
            actor=actor,
            matter=application,
            to=S.ACCEPTED,
            on=legal_day,
            version=version,
            apply=fill,
            data={"deemed": deemed, "acted_on": day},
        )
        c = states.open_clock(app, rules.NOTICE)
        if c is not None:
            clocks.stop(actor=actor, clock=c, on=day)
        common.notice_issue(
            actor, app, NoticeKind.ACCEPTANCE, day, {"accepted_on": legal_day, "deemed": deemed}
        )
        if rules.statutory_clocks(app.item.kind) and not app.entry.on_the_spot:
            clocks.start(
                actor=actor,
                subject=app,
                rule_code=rules.DECISION,
                on=legal_day,
                label=_("审查决定"),
            )
    return app


def reject(
    *, actor: Actor, application: Application, on: dt.date, reason: str, version: int | None = None
) -> Application:
    """不予受理 (Art.32(1)–(2)): not within the body's powers, or no licence needed; the
    notice states why and where to go."""
    require_role(
        actor, CLERK, LEADER, obj=application, message=_("只有本单位工作人员可以作出不予受理决定。")
    )
    with transaction.atomic():
        app = transition(
            actor=actor, matter=application, to=S.REJECTED, on=on, reason=reason, version=version
        )
        common.notice_issue(actor, app, NoticeKind.REJECTION, on, {"reason": reason.strip()})
        _package_follows(actor, app, on)
    return app


def withdraw(
    *, actor: Actor, application: Application, on: dt.date, reason: str, version: int | None = None
) -> Application:
    """The applicant withdraws (or does not supplement): the application ends, nothing decided."""
    require_role(actor, CLERK, obj=application, message=_("只有本单位窗口人员可以登记撤回。"))
    with transaction.atomic():
        app = transition(
            actor=actor, matter=application, to=S.WITHDRAWN, on=on, reason=reason, version=version
        )
        _package_follows(actor, app, on)
    return app


def _package_follows(actor: Actor, app: Application, on: dt.date) -> None:
    if app.package_application_id:
        from .packages import close_if_done

        close_if_done(actor, app.package_application, on)
