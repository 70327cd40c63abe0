"""数字城管: a problem report's workflow — dispatch (派遣), send back (退回改派), handle (处置),
verify (核查: close or return) and refuse (不予立案). Every status change goes through the
kernel's ``transition()`` and the table in ``states.GRID_TRANSITIONS``.

Who does what:

- the **command centre** (``states.command_centre``: the unit of the district-level grid
  cell) dispatches and re-dispatches; the cell's own unit may make the first dispatch;
- the **unit a report is dispatched to** handles it, or — when the problem is not its
  responsibility — sends it back to the centre with the reason;
- **verification** belongs to the centre or to the grid officer who filed the report, never
  to the unit that did the work (``states.grid_verifier_problem``).

The handling clock runs under the category's rule (``GridCategory.rule_code``, CG-1…CG-4)
from the dispatch day. Sending back stops it on that day; the re-dispatch starts a new one
for the new unit, so each unit is timed only for the report while it held it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role
from fazhi.core.workflow import InvalidTransition, Transition, allowed_moves, transition

from ..models import GridReport, GridStatus
from ..states import command_centre, grid_verifier_problem

G = GridStatus
VERIFY_MOVES = frozenset({G.CLOSED, G.RETURNED})


def moves(report: GridReport, user) -> list[tuple[str, Transition]]:
    """The moves ``user`` may offer on the page or in the API: the kernel's by role, less
    verification for those who may not verify this report (the unit that handled it)."""
    out = allowed_moves(report, user)
    if any(to in VERIFY_MOVES for to, _t in out) and grid_verifier_problem(report, user):
        out = [(to, t) for to, t in out if to not in VERIFY_MOVES]
    return out


def _last_stop(report: GridReport) -> dt.date | None:
    return clocks.for_subject(report).aggregate(d=Max("stopped_on"))["d"]


def report_dispatch(
    *,
    actor: Actor,
    report: GridReport,
    to_org: Organisation | None = None,
    on: dt.date | None = None,
    version: int | None = None,
    note: str = "",
) -> GridReport:
    """派遣 to the responsible unit (by default the cell's): the unit becomes the report's
    owner and a handling clock of the category's rule starts on the dispatch day.

    A report that was sent back is re-dispatched (改派) by the command centre, which must
    name the unit; the new clock starts on the re-dispatch day. The centre itself is never
    the handling unit: it verifies the work, so it cannot do it."""
    require_role(
        actor,
        Role.CLERK,
        Role.LEADER,
        obj=report,
        message=_("只有指挥中心或责任单位的工作人员可以派遣。"),
    )
    if report.sent_back and to_org is None:
        raise ValidationError({"to_org": _("该案卷曾被退回改派，请选择新的责任单位。")})
    target = to_org or report.cell.org
    on = on or clock.today()
    centre = command_centre(report)
    if not target.is_active:
        raise ValidationError({"to_org": _("责任单位已停用：%(o)s") % {"o": target.name}})
    if target.pk == centre.pk:
        raise ValidationError(
            {
                "to_org": _(
                    "%(o)s是指挥中心，负责派遣和核查结案，不能作为处置单位；请选择具体的责任单位。"
                )
                % {"o": centre.name}
            }
        )
    if on < report.received_on:
        raise ValidationError({"on": _("派遣日期不能早于上报日期。")})
    stopped = _last_stop(report) if report.sent_back else None
    if stopped is not None and on < stopped:
        raise ValidationError({"on": _("改派日期不能早于退回日期 %(d)s。") % {"d": stopped}})

    def apply(r: GridReport) -> None:
        r.org = target
        r.dispatched_on = on

    data = {"to_org": target.pk, "to_org_name": target.name, "note": note.strip()}
    if report.sent_back:
        data["redispatch"] = True
    with transaction.atomic():
        r = transition(
            actor=actor,
            matter=report,
            to=G.DISPATCHED,
            version=version,
            data=data,
            apply=apply,
            on=on,
        )
        clocks.start(
            actor=actor,
            subject=r,
            rule_code=r.category.rule_code,
            on=on,
            org=target,
            label=_("处置时限（改派后）") if report.sent_back else _("处置时限"),
        )
    return r


def report_send_back(
    *,
    actor: Actor,
    report: GridReport,
    reason: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> GridReport:
    """退回改派: the unit a report was dispatched to says the problem is not its
    responsibility. The report goes back to the command centre (status 已上报, owned by the
    centre) with the reason; the unit's handling clock stops on that day. The centre then
    re-dispatches it (``report_dispatch``), which starts a new clock."""
    require_role(
        actor,
        Role.CLERK,
        Role.LEADER,
        obj=report,
        message=_("只有处置单位的工作人员可以退回改派。"),
    )
    reason = (reason or "").strip()
    on = on or clock.today()
    if not reason:
        raise ValidationError({"reason": _("请写明退回理由（为什么不属于本单位职责）。")})
    if report.dispatched_on and on < report.dispatched_on:
        raise ValidationError({"on": _("退回日期不能早于派遣日期。")})
    centre = command_centre(report)
    with transaction.atomic():
        unit = GridReport.objects.select_for_update().select_related("org").get(pk=report.pk).org

        def apply(r: GridReport) -> None:
            r.org = centre
            r.dispatched_on = None
            r.sent_back += 1

        r = transition(
            actor=actor,
            matter=report,
            to=G.REPORTED,
            version=version,
            reason=reason,
            data={
                "sent_back": True,
                "from_org": unit.pk,
                "from_org_name": unit.name,
                "to_org": centre.pk,
                "to_org_name": centre.name,
            },
            apply=apply,
            on=on,
        )
        for c in clocks.for_subject(r).filter(stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=on)
    return r


def report_handle(
    *,
    actor: Actor,
    report: GridReport,
    result: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> GridReport:
    """处置完毕: the responsible unit reports what it did; the report waits for 核查."""
    require_role(
        actor,
        Role.OFFICER,
        Role.CLERK,
        Role.LEADER,
        obj=report,
        message=_("只有责任单位的工作人员可以登记处置情况。"),
    )
    result = (result or "").strip()
    on = on or clock.today()
    if not result:
        raise ValidationError({"result": _("请填写处置情况。")})
    if report.dispatched_on and on < report.dispatched_on:
        raise ValidationError({"on": _("处置日期不能早于派遣日期。")})

    def apply(r: GridReport) -> None:
        r.handled_on = on

    return transition(
        actor=actor,
        matter=report,
        to=G.HANDLED,
        version=version,
        data={"result": result},
        apply=apply,
        on=on,
    )


def report_verify(
    *,
    actor: Actor,
    report: GridReport,
    passed: bool,
    reason: str = "",
    on: dt.date | None = None,
    version: int | None = None,
) -> GridReport:
    """核查 by the command centre or the reporting grid officer (never the handling unit:
    ``PermissionDenied``): passed → 结案, the handling clock stops on the closing day; not
    passed → 退回 for handling again, with the reason (the clock keeps running)."""
    require_role(
        actor,
        Role.CLERK,
        Role.SUPERVISOR,
        obj=report,
        message=_("只有指挥中心的人员或上报该问题的网格员可以核查。"),
    )
    on = on or clock.today()
    if report.handled_on and on < report.handled_on:
        raise ValidationError({"on": _("核查日期不能早于处置日期。")})
    if report.status == G.HANDLED and (problem := grid_verifier_problem(report, actor)):
        raise PermissionDenied(problem)
    if passed:
        with transaction.atomic():

            def close(r: GridReport) -> None:
                r.verified_on = on

            r = transition(
                actor=actor,
                matter=report,
                to=G.CLOSED,
                version=version,
                reason=reason,
                on=on,
                data={"verified": True},
                apply=close,
            )
        return r
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明核查不通过的理由。")})

    def give_back(r: GridReport) -> None:
        r.verified_on = on
        r.returns += 1

    return transition(
        actor=actor,
        matter=report,
        to=G.RETURNED,
        version=version,
        reason=reason.strip(),
        data={"verified": False},
        apply=give_back,
        on=on,
    )


def report_invalidate(
    *,
    actor: Actor,
    report: GridReport,
    reason: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> GridReport:
    """不予立案 (not a city-management problem, a duplicate…), with the reason."""
    require_role(actor, Role.LEADER, obj=report, message=_("只有负责人可以决定不予立案。"))
    return transition(
        actor=actor,
        matter=report,
        to=G.INVALID,
        version=version,
        reason=(reason or "").strip(),
        on=on or clock.today(),
    )


def report_move(
    *,
    actor: Actor,
    report: GridReport,
    to: str,
    reason: str = "",
    version: int | None = None,
    to_org: Organisation | None = None,
    result: str = "",
    note: str = "",
    on: dt.date | None = None,
) -> GridReport:
    """One entry for the page and the API: the target status picks the service above."""
    common = {"actor": actor, "report": report, "version": version}
    if to == G.DISPATCHED:
        return report_dispatch(to_org=to_org, on=on, note=note, **common)
    if to == G.REPORTED:
        return report_send_back(reason=reason, on=on, **common)
    if to == G.HANDLED:
        return report_handle(result=result, on=on, **common)
    if to in VERIFY_MOVES:
        return report_verify(passed=to == G.CLOSED, reason=reason, on=on, **common)
    if to == G.INVALID:
        return report_invalidate(reason=reason, on=on, **common)
    raise InvalidTransition(_("未知的目标状态：%(t)s") % {"t": to or "—"})
