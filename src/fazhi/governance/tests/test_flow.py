"""A work point from the plan to the office's confirmation, with the hand-counted GV-1 due
date, the red card of an overdue point, and the bad input (dates out of order, in the
future, the wrong body acting) refused with its message and nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks, todo
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from ..models import PointStatus as S
from ..models import WorkPoint
from ..services import points
from .world import Council, at

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n% evidence\n"


@pytest.fixture
def c(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    with at(D(2019, 3, 12)):
        yield Council()


def _clock(p):
    return clocks.for_subject(p).get()


def _snapshot(p) -> tuple:
    p = WorkPoint.objects.get(pk=p.pk)
    return (p.status, p.version, p.reported_on, p.progress.count(), LedgerEvent.objects.count())


def test_the_whole_cycle_with_the_hand_counted_due_date(c):
    with at(D(2019, 3, 12)):
        plan = c.plan()
        p = c.point(plan=plan)
        assert (p.number, p.status, p.org, p.office) == ("2019-01", S.DRAFT, c.lead, c.office)
    with at(D(2019, 3, 15)):
        points.plan_issue(actor=c.secretary, plan=plan, on=D(2019, 3, 15))
    p = WorkPoint.objects.get(pk=p.pk)
    assert (p.status, p.issued_on) == (S.ASSIGNED, D(2019, 3, 15))
    # GV-1: nine months from Friday 15 March 2019 → Sunday 15 December → Monday 16 December
    clk = _clock(p)
    assert (clk.rule.code, clk.org, clk.due_on) == ("GV-1", c.lead, D(2019, 12, 16))
    with at(D(2019, 6, 3)):
        points.progress_report(
            actor=c.support_clerk,
            point=p,
            org=c.support,
            text="街道完成示范创建自查",
            file=PDF,
            file_name="自查报告.pdf",
        )
        pr = points.progress_report(
            actor=c.lead_clerk,
            point=p,
            org=c.lead,
            text="创建方案已印发",
            file=PDF + b"plan",
            file_name="创建方案.pdf",
        )
        assert pr.attachment.original_name == "创建方案.pdf"
    with at(D(2019, 11, 4)):
        p = points.point_report_done(actor=c.lead_clerk, point=p, result="已完成创建申报")
    with at(D(2019, 11, 6)):
        p = points.point_return(actor=c.secretary, point=p, reason="缺少验收材料")
        assert (p.status, p.reported_on) == (S.ASSIGNED, None)
    with at(D(2019, 11, 20)):
        p = points.point_report_done(actor=c.lead_clerk, point=p, result="已补充验收材料")
    with at(D(2019, 12, 20)):
        p = points.point_confirm(actor=c.secretary, point=p)
    clk = _clock(p)
    assert (p.status, p.closed_on, clk.stopped_on) == (S.DONE, D(2019, 12, 20), D(2019, 11, 20))
    assert clocks.card(clk).status == "done"


def test_an_overdue_point_is_red_on_the_lead_bodys_to_do(c):
    p = c.issued()
    with at(D(2019, 12, 17)):
        (w,) = [w for w in todo.waiting_for(c.lead_clerk) if w.matter.pk == p.pk]
        assert [card.status for _c, card in w.clocks] == ["red"]
        assert todo.waiting_for(c.support_clerk) == []  # it sees the point; the move is not its
    with at(D(2019, 12, 13)):
        (w,) = todo.waiting_for(c.lead_clerk)
        assert [card.status for _c, card in w.clocks] == ["yellow"]


def test_completion_needs_a_progress_report(c):
    p = c.issued()
    before = _snapshot(p)
    with at(D(2019, 4, 1)), pytest.raises(InvalidTransition) as exc:
        points.point_report_done(actor=c.lead_clerk, point=p, result="已完成")
    assert exc.value.message == "报完成前须至少报送一次工作进展（附佐证材料）。"
    assert _snapshot(p) == before


def test_dates_out_of_order_and_in_the_future_are_refused(c):
    p = c.issued()
    before = _snapshot(p)
    with at(D(2019, 4, 1)):
        with pytest.raises(ValidationError) as exc:
            points.progress_report(
                actor=c.lead_clerk, point=p, org=c.lead, text="进展", on=D(2019, 3, 14)
            )
        assert exc.value.messages == ["报送日期2019年3月14日早于下发日期2019年3月15日。"]
        with pytest.raises(ValidationError) as exc:
            points.progress_report(
                actor=c.lead_clerk, point=p, org=c.lead, text="进展", on=D(2019, 4, 2)
            )
        assert exc.value.messages == [
            "报送日期2019年4月2日晚于今天（2019年4月1日），业务日期不能是将来的日期。"
        ]
    assert _snapshot(p) == before


def test_only_the_bodies_of_the_point_report_and_only_the_office_confirms(c):
    p = c.issued()
    before = _snapshot(p)
    with at(D(2019, 4, 1)):
        with pytest.raises(PermissionDenied) as exc:
            points.progress_report(actor=c.outsider, point=p, org=c.d.street_b, text="进展")
        assert str(exc.value) == "只有牵头单位或配合单位的工作人员可以报送工作进展。"
        with pytest.raises(PermissionDenied):
            points.progress_report(actor=c.support_clerk, point=p, org=c.lead, text="代报")
        points.progress_report(actor=c.lead_clerk, point=p, org=c.lead, text="进展")
        p = points.point_report_done(actor=c.lead_clerk, point=p, result="完成")
        with pytest.raises(PermissionDenied) as exc:
            points.point_confirm(actor=c.lead_clerk, point=p)
        assert str(exc.value) == "只有全面依法治区办公室的工作人员可以办理此环节。"
    assert _snapshot(p)[0] == S.REPORTED and before[0] == S.ASSIGNED


def test_a_plan_is_issued_once_and_not_empty(c):
    plan = c.plan()
    with at(D(2019, 3, 15)):
        with pytest.raises(ValidationError) as exc:
            points.plan_issue(actor=c.secretary, plan=plan)
        assert exc.value.messages == ["工作要点还没有任务，不能下发。"]
    with pytest.raises(ValidationError) as exc:
        c.plan()
    assert exc.value.messages == ["中共测试区委全面依法治区委员会 2019年的工作要点已登记。"]
