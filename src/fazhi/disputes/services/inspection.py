"""Items assigned in batches by inspection teams (the provincial party committee's inspection
team, the central anti-gang supervision team): a batch with its number and the deadline its
letter sets, each item handled by a unit and checked by the petitions office, the batch closed
only when every item is. And backlog cases (信访积案), each with the leader in charge (包案),
struck off (销号) only when the supervisor accepts the result.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions
from ..models import (
    BacklogCase,
    BacklogPerson,
    BacklogStatus,
    BatchStatus,
    InspectionBatch,
    InspectionItem,
    ItemStatus,
    Petition,
    Team,
)
from .common import _issue_number, clean, party_problems

CLERK, LEADER, SUPERVISOR = Role.CLERK, Role.LEADER, Role.SUPERVISOR


def batch_register(
    *,
    actor: Actor,
    org: Organisation,
    team: str,
    batch_no: int,
    received_on: dt.date,
    due_on: dt.date,
    items: list[dict],
    letter_number: str = "",
) -> InspectionBatch:
    """登记交办批次 with its items (unit, petitioner, the problem raised). ``due_on`` is the
    date the assignment letter sets — the team's deadline, not a statutory period."""
    require_role(
        actor, CLERK, LEADER, org=org, message=_("只有信访工作机构的工作人员可以登记交办件。")
    )
    problems: dict[str, str] = {}
    if team not in Team.values:
        problems["team"] = _("请选择交办单位。")
    if batch_no < 1:
        problems["batch_no"] = _("批次应为正整数。")
    msg = dates.not_future(_("交办日期"), received_on)
    if msg:
        problems["received_on"] = msg
    elif due_on <= received_on:
        problems["due_on"] = _("要求办结日期应晚于交办日期。")
    if not items:
        problems["items"] = _("请登记本批次的交办件。")
    for i, item in enumerate(items):
        if item.get("unit") is None:
            problems[f"item{i}_unit"] = _("第%(n)d件：请选择承办单位。") % {"n": i + 1}
        if not clean(item.get("content", "")):
            problems[f"item{i}_content"] = _("第%(n)d件：请填写反映的问题。") % {"n": i + 1}
        problems.update(
            party_problems(
                kind="person",
                name=item.get("petitioner_name", ""),
                id_number=item.get("petitioner_id_number", ""),
                who=_("第%(n)d件的信访人") % {"n": i + 1},
                key=f"item{i}_",
            )
        )
    if problems:
        raise ValidationError(problems)
    label = _("%(t)s交办信访件第%(n)d批") % {"t": Team(team).label, "n": batch_no}
    with transaction.atomic():
        # two clerks registering the same batch at once: the office's row is locked before the
        # check, so the second waits and is refused
        Organisation.objects.select_for_update().get(pk=org.pk)
        if InspectionBatch.objects.filter(
            org=org, team=team, batch_no=batch_no, received_on__year=received_on.year
        ).exists():
            raise ValidationError(
                {"batch_no": _("%(t)s第%(n)d批已经登记。") % {"t": Team(team).label, "n": batch_no}}
            )
        batch = InspectionBatch.objects.create(
            org=org,
            team=team,
            batch_no=batch_no,
            received_on=received_on,
            due_on=due_on,
            letter_number=clean(letter_number),
            status=BatchStatus.OPEN,
            title=label,
            number=label,
            handler=actor if isinstance(actor, User) else None,
        )
        ledger.record(
            actor=actor,
            action=actions.XF_BATCH,
            subject=batch,
            data={"team": team, "batch": batch_no, "items": len(items), "due": due_on},
        )
        for i, item in enumerate(items, start=1):
            it = InspectionItem.objects.create(
                org=org,
                batch=batch,
                seq=i,
                unit=item["unit"],
                petitioner_name=clean(item["petitioner_name"]),
                petitioner_id_number=clean(item.get("petitioner_id_number", "")).upper(),
                content=clean(item["content"]),
                received_on=received_on,
                status=ItemStatus.ASSIGNED,
                number=f"{label}-{i}",
                title=clean(item["content"])[:100],
            )
            ledger.record(
                actor=actor,
                action=actions.XF_ITEM,
                subject=it,
                data={"batch": batch.pk, "seq": i, "unit": it.unit.name},
            )
    return batch


def item_report(
    *, actor: Actor, item: InspectionItem, on: dt.date, result: str, version: int | None = None
) -> InspectionItem:
    """报送办理结果 by the unit (its leader or clerk)."""
    require_role(
        actor, CLERK, LEADER, org=item.unit, message=_("只有承办单位的工作人员可以报送办理结果。")
    )
    if not clean(result):
        raise ValidationError(_("请填写办理结果。"))
    return transition(
        actor=actor,
        matter=item,
        to=ItemStatus.REPORTED,
        on=on,
        version=version,
        data={"result": clean(result)},
        apply=lambda i: setattr(i, "result", clean(result)),
    )


def item_close(
    *, actor: Actor, item: InspectionItem, on: dt.date, version: int | None = None
) -> InspectionItem:
    """审核办结 by the petitions office (or the supervisor)."""
    require_role(
        actor,
        CLERK,
        LEADER,
        SUPERVISOR,
        org=item.org,
        message=_("只有信访工作机构的工作人员可以审核办结。"),
    )
    return transition(actor=actor, matter=item, to=ItemStatus.CLOSED, on=on, version=version)


def item_return(
    *,
    actor: Actor,
    item: InspectionItem,
    on: dt.date,
    reason: str,
    version: int | None = None,
) -> InspectionItem:
    """退回重办: the result does not answer the problem."""
    require_role(
        actor,
        CLERK,
        LEADER,
        SUPERVISOR,
        org=item.org,
        message=_("只有信访工作机构的工作人员可以退回。"),
    )
    return transition(
        actor=actor, matter=item, to=ItemStatus.ASSIGNED, on=on, reason=reason, version=version
    )


def batch_close(
    *, actor: Actor, batch: InspectionBatch, on: dt.date, version: int | None = None
) -> InspectionBatch:
    """批次办结 — refused while an item is open (the message lists them)."""
    require_role(
        actor, LEADER, SUPERVISOR, obj=batch, message=_("只有负责人或监督人员可以办结批次。")
    )
    return transition(actor=actor, matter=batch, to=BatchStatus.CLOSED, on=on, version=version)


# -- 信访积案 -----------------------------------------------------------------------------------


def backlog_register(
    *,
    actor: Actor,
    org: Organisation,
    title: str,
    leader_name: str,
    leader_post: str,
    history: str,
    persons: list[dict],
    listed_on: dt.date,
    petition: Petition | None = None,
) -> BacklogCase:
    """列入信访积案 with the leader in charge and every person concerned (the seed counts
    cases and persons: 10件11人)."""
    require_role(
        actor, LEADER, SUPERVISOR, org=org, message=_("只有负责人或监督人员可以登记信访积案。")
    )
    problems: dict[str, str] = {}
    if not clean(title) or not clean(history):
        problems["title"] = _("请填写积案名称和问题由来。")
    if not clean(leader_name) or not clean(leader_post):
        problems["leader_name"] = _("请填写包案领导的姓名和职务。")
    if not persons:
        problems["persons"] = _("请登记积案涉及的信访人。")
    for i, p in enumerate(persons):
        problems.update(
            party_problems(
                kind="person",
                name=p.get("name", ""),
                id_number=p.get("id_number", ""),
                who=_("信访人%(n)d") % {"n": i + 1},
                key=f"person{i}_",
            )
        )
    msg = dates.not_future(_("列入日期"), listed_on)
    if msg:
        problems["listed_on"] = msg
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        case = BacklogCase.objects.create(
            org=org,
            petition=petition,
            title=clean(title),
            leader_name=clean(leader_name),
            leader_post=clean(leader_post),
            history=clean(history),
            received_on=listed_on,
            status=BacklogStatus.LISTED,
            handler=actor if isinstance(actor, User) else None,
        )
        for p in persons:
            BacklogPerson.objects.create(
                case=case,
                kind="person",
                name=clean(p["name"]),
                id_number=clean(p.get("id_number", "")).upper(),
                phone=clean(p.get("phone", "")),
                address=clean(p.get("address", "")),
            )
        case.number = _issue_number(
            actor=actor,
            org=org,
            kind="dis-xf-backlog",
            prefix=f"{org.short_name or org.name}积案",
            year=listed_on.year,
            subject=case,
        )
        case.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.XF_BACKLOG,
            subject=case,
            data={"leader": f"{case.leader_post}{case.leader_name}", "persons": len(persons)},
        )
    return case


def backlog_propose(
    *, actor: Actor, case: BacklogCase, on: dt.date, measures: str, version: int | None = None
) -> BacklogCase:
    """申请销号 by the unit's leader, with what was done."""
    require_role(actor, LEADER, obj=case, message=_("只有责任单位负责人可以申请销号。"))
    return transition(
        actor=actor,
        matter=case,
        to=BacklogStatus.PROPOSED,
        on=on,
        version=version,
        data={"measures": clean(measures)},
        apply=lambda c: setattr(c, "measures", clean(measures)),
    )


def backlog_resolve(
    *, actor: Actor, case: BacklogCase, on: dt.date, version: int | None = None
) -> BacklogCase:
    """审核销号 by the supervisor: the case is resolved (化解) on ``on``."""
    require_role(actor, SUPERVISOR, obj=case, message=_("只有监督人员可以审核销号。"))
    return transition(actor=actor, matter=case, to=BacklogStatus.RESOLVED, on=on, version=version)


def backlog_return(
    *, actor: Actor, case: BacklogCase, on: dt.date, reason: str, version: int | None = None
) -> BacklogCase:
    require_role(actor, SUPERVISOR, obj=case, message=_("只有监督人员可以退回。"))
    return transition(
        actor=actor, matter=case, to=BacklogStatus.LISTED, on=on, reason=reason, version=version
    )
