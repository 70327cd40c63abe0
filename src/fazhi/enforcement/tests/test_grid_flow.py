"""数字城管 workflow (``services.grid_flow``): independent verification, 退回改派 and the
re-dispatch's new clock, and the handling clock under each category's rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks
from fazhi.core.indicators import evaluate
from fazhi.core.models import LedgerEvent, Role
from fazhi.core.tests.factories import user
from fazhi.core.tests.signin import sign_in
from fazhi.core.workflow import InvalidTransition, transition

from ..models import GridCategory, GridReport, GridStatus
from ..services import grid, grid_flow
from ..states import command_centre
from .test_grid import Grid, at

pytestmark = pytest.mark.django_db

D = dt.date
G = GridStatus


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


@pytest.fixture
def g(db):
    with at(D(2019, 6, 3)):
        yield Grid()


def _snapshot(r: GridReport) -> tuple:
    """What a refused move must leave untouched."""
    r = GridReport.objects.get(pk=r.pk)
    open_clocks = list(clocks.for_subject(r).filter(stopped_on__isnull=True).values_list("pk"))
    return (r.status, r.version, r.org_id, r.sent_back, open_clocks, LedgerEvent.objects.count())


def _handled_by_street_a(g) -> GridReport:
    """Filed by the community's grid officer, dispatched to 甲街道 and handled there."""
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file())
    with at(D(2019, 6, 4)):
        return grid_flow.report_handle(actor=g.officer_a, report=r, result="已清运")


# ---------------------------------------------------------------- 核查: never the handling unit


def test_the_command_centre_is_the_unit_of_the_district_cell(g):
    with at(D(2019, 6, 3)):
        r = g.file(cell=g.comm_a)
    assert command_centre(r) == g.d.gov
    assert r.reported_by == g.member


def test_the_handling_unit_cannot_verify_its_own_report_and_nothing_changes(g):
    r = _handled_by_street_a(g)
    before = _snapshot(r)
    with at(D(2019, 6, 5)):
        with pytest.raises(PermissionDenied) as exc:
            grid_flow.report_verify(actor=g.clerk_a, report=r, passed=True)
        assert "不能核查本单位处置的案卷" in str(exc.value)
        with pytest.raises(PermissionDenied):
            grid_flow.report_verify(actor=g.clerk_a, report=r, passed=False, reason="自查不合格")
        # the table itself refuses it too, whoever calls the kernel
        with pytest.raises(InvalidTransition) as exc:
            transition(actor=g.clerk_a, matter=r, to=G.CLOSED, on=D(2019, 6, 5))
        assert "指挥中心" in exc.value.message
    assert _snapshot(r) == before
    with at(D(2019, 6, 5)):
        r = grid_flow.report_verify(actor=g.centre, report=r, passed=True)
    assert (r.status, r.closed_on) == (G.CLOSED, D(2019, 6, 5))


def test_the_handling_units_page_offers_no_verification_and_refuses_a_forged_post(g, client):
    r = _handled_by_street_a(g)
    before = _snapshot(r)
    sign_in(client, g.clerk_a)
    with at(D(2019, 6, 5)):
        body = client.get(f"/workspace/enforcement/grid/{r.pk}/").content.decode()
        assert "核查通过结案" not in body and "核查不通过退回" not in body
        resp = client.post(
            f"/workspace/enforcement/grid/{r.pk}/move/",
            {"to": "closed", "version": r.version},
            follow=True,
        )
    assert "不能核查本单位处置的案卷" in resp.content.decode()
    assert _snapshot(r) == before
    sign_in(client, g.centre)
    body = client.get(f"/workspace/enforcement/grid/{r.pk}/").content.decode()
    assert "核查通过结案" in body


def test_the_reporting_grid_officer_may_verify_but_not_a_colleague(g):
    """甲街道's grid officer files a report the centre dispatches to the community below the
    street; the community handles it. The reporter verifies it; another clerk of the street
    may not (neither the centre nor the reporter)."""
    colleague = user("grid_clerk_a2", org=g.d.street_a, role=Role.CLERK)
    with at(D(2019, 6, 3)):
        r = g.file(actor=g.clerk_a)
        r = grid_flow.report_dispatch(actor=g.centre, report=r, to_org=g.d.comm_a)
        r = grid_flow.report_handle(actor=g.member, report=r, result="已清运")
        before = _snapshot(r)
        with pytest.raises(PermissionDenied) as exc:
            grid_flow.report_verify(actor=colleague, report=r, passed=True)
        assert "上报该问题的网格员" in str(exc.value)
        assert _snapshot(r) == before
        with pytest.raises(PermissionDenied):  # the community did the work
            grid_flow.report_verify(actor=g.member, report=r, passed=True)
        r = grid_flow.report_verify(actor=g.clerk_a, report=r, passed=True)
    assert r.status == G.CLOSED and r.reported_by == g.clerk_a


def test_a_supervisor_of_the_district_may_return_the_work(g):
    r = _handled_by_street_a(g)
    with at(D(2019, 6, 5)):
        r = grid_flow.report_verify(actor=g.d.supervisor, report=r, passed=False, reason="仍有残留")
    assert (r.status, r.returns) == (G.RETURNED, 1)


# ---------------------------------------------------------------- 退回改派 and re-dispatch


def test_a_unit_sends_back_a_report_that_is_not_its_responsibility(g):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(), to_org=g.d.bureau)
    first = grid.open_clock(r)
    before = _snapshot(r)
    with at(D(2019, 6, 4)):
        with pytest.raises(ValidationError) as exc:
            grid_flow.report_send_back(actor=g.d.clerk, report=r, reason="  ")
        assert "请写明退回理由" in str(exc.value)
        with pytest.raises(PermissionDenied):  # officers handle; the clerk or leader sends back
            grid_flow.report_send_back(actor=g.d.officer, report=r, reason="不归我们管")
        with pytest.raises(PermissionDenied):  # another street has no say
            grid_flow.report_send_back(actor=g.clerk_b, report=r, reason="x")
        assert _snapshot(r) == before
        r = grid_flow.report_send_back(
            actor=g.d.clerk, report=r, reason="暴露垃圾属街道环卫职责，非执法局职责"
        )
    assert (r.status, r.org, r.dispatched_on, r.sent_back) == (G.REPORTED, g.d.gov, None, 1)
    # the bureau's clock stopped on the day it sent the report back; none runs now
    first.refresh_from_db()
    assert first.stopped_on == D(2019, 6, 4) and grid.open_clock(r) is None
    ev = LedgerEvent.objects.filter(
        action="matter.transition", subject_id=str(r.pk), data__to=G.REPORTED
    ).get()
    assert ev.data["reason"] == "暴露垃圾属街道环卫职责，非执法局职责"
    assert (ev.data["from_org_name"], ev.data["to_org_name"]) == (
        "测试区行政执法局",
        "测试区人民政府",
    )
    # the bureau no longer sees it; the street that first dispatched it may not re-dispatch
    assert not grid.reports(g.d.clerk).filter(pk=r.pk).exists()
    with at(D(2019, 6, 5)), pytest.raises(PermissionDenied):
        grid_flow.report_dispatch(actor=g.clerk_a, report=r, to_org=g.d.street_a)


def test_the_centre_re_dispatches_and_a_new_clock_starts(g):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(), to_org=g.d.bureau)
    with at(D(2019, 6, 4)):
        r = grid_flow.report_send_back(actor=g.d.clerk, report=r, reason="非本单位职责")
    before = _snapshot(r)
    with at(D(2019, 6, 5)):
        with pytest.raises(ValidationError) as exc:
            grid_flow.report_dispatch(actor=g.centre, report=r)
        assert "请选择新的责任单位" in str(exc.value)
        with pytest.raises(ValidationError) as exc:
            grid_flow.report_dispatch(actor=g.centre, report=r, to_org=g.d.gov)
        assert "是指挥中心" in str(exc.value)
        with pytest.raises(ValidationError) as exc:
            grid_flow.report_dispatch(
                actor=g.centre, report=r, to_org=g.d.street_a, on=D(2019, 6, 3)
            )
        assert "改派日期不能早于退回日期" in str(exc.value)
        assert _snapshot(r) == before
        r = grid_flow.report_dispatch(actor=g.centre, report=r, to_org=g.d.street_a, note="改派")
    assert (r.status, r.org, r.dispatched_on) == (G.DISPATCHED, g.d.street_a, D(2019, 6, 5))
    old, new = clocks.for_subject(r).order_by("id")
    assert (old.org, old.started_on, old.stopped_on) == (g.d.bureau, D(2019, 6, 3), D(2019, 6, 4))
    assert (new.org, new.started_on, new.stopped_on) == (g.d.street_a, D(2019, 6, 5), None)
    assert (new.rule.code, new.due_on) == ("CG-2", D(2019, 6, 6))
    with at(D(2019, 6, 6)):
        r = grid_flow.report_handle(actor=g.officer_a, report=r, result="已清运")
        r = grid_flow.report_verify(actor=g.centre, report=r, passed=True)
    new.refresh_from_db()
    assert r.status == G.CLOSED and new.stopped_on == D(2019, 6, 6)
    # both units kept their limits: the report counts as closed on time
    assert evaluate("ENF-GRID-ON-TIME", year=2019).value == 1


def test_a_report_is_late_if_any_unit_was_late(g):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(), to_org=g.d.bureau)
    with at(D(2019, 6, 10)):  # the bureau held it past its one working day
        r = grid_flow.report_send_back(actor=g.d.clerk, report=r, reason="非本单位职责")
        r = grid_flow.report_dispatch(actor=g.centre, report=r, to_org=g.d.street_a)
        r = grid_flow.report_handle(actor=g.officer_a, report=r, result="已清运")
        r = grid_flow.report_verify(actor=g.centre, report=r, passed=True)
    first, second = clocks.for_subject(r).order_by("id")
    assert first.stopped_on > first.due_on and second.stopped_on <= second.due_on
    assert evaluate("ENF-GRID-CLOSED", year=2019).value == 1
    assert evaluate("ENF-GRID-ON-TIME", year=2019).value == 0


def test_a_report_cannot_be_sent_back_once_handled(g):
    r = _handled_by_street_a(g)
    before = _snapshot(r)
    with at(D(2019, 6, 5)), pytest.raises(InvalidTransition) as exc:
        grid_flow.report_send_back(actor=g.clerk_a, report=r, reason="不归我们")
    assert "不能变更为" in exc.value.message
    assert _snapshot(r) == before


def test_send_back_and_re_dispatch_through_the_pages(g, client):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(), to_org=g.d.bureau)
    sign_in(client, g.d.clerk)
    with at(D(2019, 6, 4)):
        body = client.get(f"/workspace/enforcement/grid/{r.pk}/").content.decode()
        assert "非本单位职责，退回改派" in body
        resp = client.post(
            f"/workspace/enforcement/grid/{r.pk}/move/",
            {"to": "reported", "version": r.version, "reason": ""},
            follow=True,
        )
        assert "请写明退回理由" in resp.content.decode()
        client.post(
            f"/workspace/enforcement/grid/{r.pk}/move/",
            {"to": "reported", "version": r.version, "reason": "属街道职责"},
        )
    r.refresh_from_db()
    assert (r.status, r.sent_back) == (G.REPORTED, 1)
    sign_in(client, g.centre)
    with at(D(2019, 6, 5)):
        body = client.get(f"/workspace/enforcement/grid/{r.pk}/").content.decode()
        assert "请选择新的责任单位" in body and "退回改派 1 次" in body
        client.post(
            f"/workspace/enforcement/grid/{r.pk}/move/",
            {"to": "dispatched", "version": r.version, "to_org": g.d.street_a.pk},
        )
    r.refresh_from_db()
    assert (r.status, r.org) == (G.DISPATCHED, g.d.street_a)


# ---------------------------------------------------------------- the category's rule


def test_the_clock_runs_under_the_categorys_rule(g):
    with at(D(2019, 6, 6)):  # Thursday; Friday 06-07 is the Dragon Boat Festival
        manhole = grid_flow.report_dispatch(
            actor=g.clerk_a, report=g.file(category=g.manhole, received_on=D(2019, 6, 6))
        )
        garbage = grid_flow.report_dispatch(
            actor=g.clerk_a, report=g.file(received_on=D(2019, 6, 6))
        )
        lamp = grid_flow.report_dispatch(
            actor=g.clerk_a, report=g.file(category=g.lamp, received_on=D(2019, 6, 6))
        )
    due = {r.category.code: grid.open_clock(r) for r in (manhole, garbage, lamp)}
    assert (due["BJ0101"].rule.code, due["BJ0101"].due_on) == ("CG-1", D(2019, 6, 7))  # no roll
    assert (due["SJ0102"].rule.code, due["SJ0102"].due_on) == ("CG-2", D(2019, 6, 10))
    assert (due["BJ0108"].rule.code, due["BJ0108"].due_on) == ("CG-3", D(2019, 6, 14))
    # an administrator gives the category another rule: later dispatches use it
    grid.category_save(
        actor=g.d.admin,
        code="SJ0102",
        kind="event",
        major="市容环境",
        name="暴露垃圾",
        rule_code="CG-4",
    )
    with at(D(2019, 6, 10)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(received_on=D(2019, 6, 10)))
    assert grid.open_clock(r).rule.code == "CG-4"
    assert grid.open_clock(garbage).rule.code == "CG-2"  # a running clock keeps its rule


def test_a_category_needs_a_rule_with_a_period(g):
    with pytest.raises(ValidationError) as exc:
        grid.category_save(
            actor=g.d.admin,
            code="SJ0102",
            kind="event",
            major="市容环境",
            name="x",
            rule_code="XK-2",
        )
    assert "没有可计算的办理期限" in str(exc.value)
    assert GridCategory.objects.get(code="SJ0102").rule_code == "CG-2"


def test_the_category_form_offers_the_grid_rules(g, client):
    sign_in(client, g.d.admin)
    cat = GridCategory.objects.get(code="SJ0102")
    body = client.get(f"/workspace/enforcement/grid/categories/{cat.pk}/edit/").content.decode()
    assert "CG-1 数字城管紧急问题处置期限" in body and "CG-4" in body
    resp = client.post(
        f"/workspace/enforcement/grid/categories/{cat.pk}/edit/",
        {"kind": "event", "major": "市容环境", "name": "暴露垃圾", "rule_code": "CG-3"},
    )
    assert resp.status_code == 302
    assert GridCategory.objects.get(code="SJ0102").rule_code == "CG-3"
    resp = client.post(
        f"/workspace/enforcement/grid/categories/{cat.pk}/edit/",
        {"kind": "event", "major": "市容环境", "name": "暴露垃圾", "rule_code": "XK-2"},
    )
    assert resp.status_code == 200  # not offered: the form refuses it
    assert GridCategory.objects.get(code="SJ0102").rule_code == "CG-3"
