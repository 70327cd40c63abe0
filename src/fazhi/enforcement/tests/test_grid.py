"""数字城管: categories, cells, the report's workflow table, its clock, 督办 and the pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from python_calamine import CalamineWorkbook

from fazhi.core import clock, clocks, matterlinks, scoping
from fazhi.core.models import LedgerEvent, Role, SupervisionTask
from fazhi.core.tests.factories import SYSTEM, District, user
from fazhi.core.tests.harness import WorkflowTableTests
from fazhi.core.tests.signin import sign_in
from fazhi.core.workflow import InvalidTransition, StaleMatter, transition

from .. import grid_categories
from ..models import GridCategory, GridCell, GridReport, GridStatus
from ..services import grid, grid_flow

pytestmark = pytest.mark.django_db

D = dt.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def at(day: dt.date):
    """Freeze the wall clock at 09:00 Beijing time on ``day``."""
    return clock.frozen(dt.datetime(day.year, day.month, day.day, 1, tzinfo=dt.UTC))


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


class Grid:
    """A district with a three-level grid, the shipped categories and the grid's staff."""

    def __init__(self) -> None:
        self.d = d = District()
        grid.categories_load(actor=SYSTEM)
        self.garbage = GridCategory.objects.get(code="SJ0102")  # 暴露垃圾: CG-2, 1 WD
        self.manhole = GridCategory.objects.get(code="BJ0101")  # 上水井盖: CG-1, 1 CD
        self.lamp = GridCategory.objects.get(code="BJ0108")  # 路灯: CG-3, 5 WD
        self.top = grid.cell_save(
            actor=SYSTEM, code="430102", name="测试区", level="district", org=d.gov
        )
        self.cell_a = grid.cell_save(
            actor=SYSTEM,
            code="430102-01",
            name="甲街道网格",
            level="street",
            org=d.street_a,
            parent=self.top,
        )
        self.cell_b = grid.cell_save(
            actor=SYSTEM,
            code="430102-02",
            name="乙街道网格",
            level="street",
            org=d.street_b,
            parent=self.top,
        )
        self.comm_a = grid.cell_save(
            actor=SYSTEM,
            code="430102-01-01",
            name="甲街道一社区网格",
            level="community",
            org=d.comm_a,
            parent=self.cell_a,
        )
        self.clerk_a = user("grid_clerk_a", org=d.street_a, role=Role.CLERK)
        self.officer_a = user("grid_officer_a", org=d.street_a, role=Role.OFFICER, scope="org")
        self.clerk_b = user("grid_clerk_b", org=d.street_b, role=Role.CLERK)
        self.member = user("grid_member_a", org=d.comm_a, role=Role.CLERK)
        self.centre = user("grid_centre", org=d.gov, role=Role.CLERK, scope="subtree")

    def file(self, **kw):
        args = dict(
            actor=self.member,
            cell=self.cell_a,
            category=self.garbage,
            location="五一大道与芙蓉路交叉口东北角",
            description="路边堆放生活垃圾约两立方米",
            reporter_kind="grid_officer",
            received_on=D(2019, 6, 3),
        )
        args.update(kw)
        return grid.report_file(**args)


@pytest.fixture
def g(db):
    with at(D(2019, 6, 3)):
        yield Grid()


# ---------------------------------------------------------------- categories and cells


def test_shipped_categories_are_loaded_unconfirmed_with_their_own_rules(g):
    assert GridCategory.objects.count() == len(grid_categories.CATEGORIES)
    assert set(GridCategory.objects.values_list("kind", flat=True)) == {"component", "event"}
    assert not GridCategory.objects.filter(confirmed=True).exists()
    assert set(GridCategory.objects.values_list("rule_code", flat=True)) == {
        "CG-1",
        "CG-2",
        "CG-3",
        "CG-4",
    }
    assert (g.manhole.rule_code, g.garbage.rule_code, g.lamp.rule_code) == ("CG-1", "CG-2", "CG-3")
    assert GridCategory.objects.get(code="SJ0101").rule_code == "CG-4"  # 私搭乱建
    majors = set(GridCategory.objects.filter(kind="event").values_list("major", flat=True))
    assert {"市容环境", "宣传广告", "施工管理", "突发事件", "街面秩序"} <= majors


def test_loading_again_adds_nothing_and_keeps_edits(g):
    grid.category_save(
        actor=g.d.admin, code="SJ0102", kind="event", major="市容环境", name="暴露垃圾（改）"
    )
    assert grid.categories_load(actor=g.d.admin) == 0
    assert GridCategory.objects.get(code="SJ0102").name == "暴露垃圾（改）"


def test_category_needs_a_known_rule_and_an_admin(g):
    with pytest.raises(ValidationError) as exc:
        grid.category_save(
            actor=g.d.admin, code="X1", kind="event", major="其他", name="x", rule_code="NOPE-9"
        )
    assert "NOPE-9" in str(exc.value)
    with pytest.raises(PermissionDenied):
        grid.category_save(actor=g.clerk_a, code="X1", kind="event", major="其他", name="x")


def test_cells_keep_three_levels_and_unique_codes(g):
    with pytest.raises(ValidationError) as exc:
        grid.cell_save(actor=SYSTEM, code="X-1", name="x", level="street", org=g.d.street_a)
    assert "上级应为区级网格" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        grid.cell_save(
            actor=SYSTEM,
            code="430102-01",
            name="重复",
            level="street",
            org=g.d.street_a,
            parent=g.top,
        )
    assert "网格编码已存在" in str(exc.value)
    with pytest.raises(PermissionDenied):
        grid.cell_save(actor=g.clerk_a, code="Y", name="y", level="district", org=g.d.street_a)


# ---------------------------------------------------------------- filing: bad input


@pytest.mark.parametrize(
    ("missing", "message"),
    [("location", "请填写问题位置"), ("category", "请选择问题类别")],
)
def test_report_without_location_or_category_is_refused_and_changes_nothing(g, missing, message):
    events = LedgerEvent.objects.count()
    with at(D(2019, 6, 3)), pytest.raises(ValidationError) as exc:
        g.file(**{missing: "" if missing == "location" else None})
    assert message in " ".join(exc.value.messages)
    assert missing in exc.value.message_dict
    assert GridReport.objects.count() == 0
    assert LedgerEvent.objects.count() == events


def test_photo_must_be_an_image(g):
    with at(D(2019, 6, 3)), pytest.raises(ValidationError) as exc:
        g.file(photo=b"%PDF-1.4", photo_name="x.pdf")
    assert "JPG 或 PNG" in str(exc.value)
    assert GridReport.objects.count() == 0


def test_only_staff_of_the_cell_may_file(g):
    with at(D(2019, 6, 3)), pytest.raises(PermissionDenied):
        g.file(actor=g.clerk_b)
    assert GridReport.objects.count() == 0


# ---------------------------------------------------------------- the lifecycle


def test_report_is_numbered_owned_by_the_cell_and_keeps_its_photo(g):
    with at(D(2019, 6, 3)):
        r = g.file(photo=PNG, photo_name="scene.png", reporter_name="网格员甲")
        r2 = g.file()
    assert (r.number, r2.number) == ("SZCG-2019-1", "SZCG-2019-2")
    assert (r.org, r.status) == (g.d.street_a, GridStatus.REPORTED)
    ev = LedgerEvent.objects.filter(action="enf.grid.report", subject_id=str(r.pk)).get()
    assert ev.attachments == [r.photo.sha256]
    assert ev.data["reporter_name"] == "网格员甲"


def test_dispatch_handle_return_verify_close_runs_the_clock(g):
    with at(D(2019, 6, 3)):
        r = g.file()
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=r)
    c = grid.open_clock(r)
    assert (c.rule.code, c.started_on, c.org) == ("CG-2", D(2019, 6, 3), g.d.street_a)
    assert c.due_on == D(2019, 6, 4)  # an ordinary event: 1 working day after Mon 06-03
    assert (r.status, r.dispatched_on) == (GridStatus.DISPATCHED, D(2019, 6, 3))
    with at(D(2019, 6, 4)):
        with pytest.raises(ValidationError):
            grid_flow.report_handle(actor=g.officer_a, report=r, result="  ")
        r = grid_flow.report_handle(actor=g.officer_a, report=r, result="已清运")
        with pytest.raises(ValidationError):
            grid_flow.report_verify(actor=g.centre, report=r, passed=False, reason="")
        r = grid_flow.report_verify(actor=g.centre, report=r, passed=False, reason="仍有残留")
    assert (r.status, r.returns) == (GridStatus.RETURNED, 1)
    assert grid.open_clock(r) is not None  # a return does not stop the clock
    with at(D(2019, 6, 5)):
        r = grid_flow.report_handle(actor=g.officer_a, report=r, result="已彻底清理")
        r = grid_flow.report_verify(actor=g.centre, report=r, passed=True)
    assert (r.status, r.closed_on, r.verified_on) == (
        GridStatus.CLOSED,
        D(2019, 6, 5),
        D(2019, 6, 5),
    )
    assert grid.open_clock(r) is None
    stopped = clocks.for_subject(r).get()
    assert stopped.stopped_on == D(2019, 6, 5)
    assert clocks.card(stopped).status == "late"  # closed 06-05, a day after the limit


def test_dispatch_to_another_unit_moves_ownership_and_the_clock(g):
    with at(D(2019, 6, 3)):
        r = g.file(category=g.manhole)
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=r, to_org=g.d.bureau, note="属执法局")
    assert r.org == g.d.bureau
    assert grid.open_clock(r).org == g.d.bureau
    # the street no longer owns it; the bureau's officer handles it
    with at(D(2019, 6, 4)):
        with pytest.raises(PermissionDenied):
            grid_flow.report_handle(actor=g.officer_a, report=r, result="x")
        r = grid_flow.report_handle(actor=g.d.clerk, report=r, result="已更换井盖")
    assert r.status == GridStatus.HANDLED


def test_a_stale_form_changes_nothing(g):
    with at(D(2019, 6, 3)):
        r = g.file()
        grid_flow.report_dispatch(actor=g.clerk_a, report=r, version=1)
        with pytest.raises(StaleMatter):
            grid_flow.report_invalidate(
                actor=g.d.street_a_leader, report=r, reason="重复", version=1
            )
    assert GridReport.objects.get(pk=r.pk).status == GridStatus.DISPATCHED


def test_another_street_cannot_see_or_act_on_a_report_dispatched_elsewhere(g, client):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file())
    assert not grid.reports(g.clerk_b).filter(pk=r.pk).exists()
    with pytest.raises(Http404):
        scoping.get_for(g.clerk_b, grid.reports(g.clerk_b), r.pk)
    sign_in(client, g.clerk_b)
    assert client.get(f"/workspace/enforcement/grid/{r.pk}/").status_code == 404
    resp = client.post(f"/workspace/enforcement/grid/{r.pk}/move/", {"to": "handled"})
    assert resp.status_code == 404
    assert GridReport.objects.get(pk=r.pk).status == GridStatus.DISPATCHED
    with pytest.raises(PermissionDenied):
        grid_flow.report_handle(actor=g.clerk_b, report=r, result="越权处置")


# ---------------------------------------------------------------- overdue → 督办


def test_overdue_report_is_supervised_once(g):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(category=g.lamp))
    with at(D(2019, 6, 11)), pytest.raises(ValidationError) as exc:
        grid.report_supervise(actor=g.d.supervisor, report=r)  # due today: not overdue yet
    assert "未超期" in str(exc.value)
    with at(D(2019, 6, 12)):
        with pytest.raises(PermissionDenied):
            grid.report_supervise(actor=g.clerk_a, report=r)
        task = grid.report_supervise(actor=g.d.supervisor, report=r)
        with pytest.raises(ValidationError) as exc:
            grid.report_supervise(actor=g.d.supervisor, report=r)
    assert "已有督办任务" in str(exc.value)
    assert (task.source, task.source_ref, task.org) == ("grid", r.number, g.d.street_a)
    assert task.received_on == D(2019, 6, 12)
    assert clocks.for_subject(task).get().rule.code == "CG-5"  # its own rule, not RX-1
    on_report = LedgerEvent.objects.filter(
        subject_type="enforcement.gridreport", subject_id=str(r.pk), action="enf.grid.supervise"
    ).get()
    assert on_report.data["task"] == task.number


def test_bulk_supervision_takes_every_overdue_report_in_scope(g):
    with at(D(2019, 6, 3)):
        late = [grid_flow.report_dispatch(actor=g.clerk_a, report=g.file()) for _i in range(2)]
        grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(received_on=D(2019, 6, 3)))
    with at(D(2019, 6, 5)):
        closed = grid_flow.report_handle(actor=g.officer_a, report=late[1], result="已清运")
        grid_flow.report_verify(actor=g.centre, report=closed, passed=True)
    with at(D(2019, 6, 12)):
        tasks = grid.supervise_overdue(actor=g.d.supervisor)
        assert len(tasks) == 2  # the closed one is not overdue
        assert grid.supervise_overdue(actor=g.d.supervisor) == []
    assert SupervisionTask.objects.filter(source="grid").count() == 2


# ---------------------------------------------------------------- the table, walked


class TestGridReportTable(WorkflowTableTests):
    """Every row of the table, by role. The personas sit at the command centre (the district
    cell's unit, above the street that owns the report): verification is refused to the
    handling unit itself, which the tests after this class walk."""

    model = GridReport

    @pytest.fixture(autouse=True)
    def _setup(self, g):
        self.g = g
        self.org = g.d.gov
        self.users = {}

    def actor(self, role):
        if role not in self.users:
            org = self.g.d.justice if role == Role.SUPERVISOR else self.org
            scope = "all" if role == Role.SUPERVISOR else None
            self.users[role] = user(org=org, role=role, scope=scope)
        return self.users[role]

    def make(self, status):
        with at(D(2019, 6, 3)):
            r = self.g.file()
        GridReport.objects.filter(pk=r.pk).update(status=status)
        return GridReport.objects.get(pk=r.pk)


def test_the_kernel_transition_refuses_an_unlisted_move(g):
    with at(D(2019, 6, 3)):
        r = g.file()
    with pytest.raises(InvalidTransition):
        transition(actor=g.centre, matter=r, to=GridStatus.CLOSED)


# ---------------------------------------------------------------- pages


def _login(client, u):
    sign_in(client, u)


def test_list_filters_and_exports(g, client):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file())
        g.file(category=g.manhole, location="人民路口")
    _login(client, g.centre)
    with at(D(2019, 6, 12)):
        body = client.get("/workspace/enforcement/grid/").content.decode()
        assert r.number in body and "SZCG-2019-2" in body
        body = client.get("/workspace/enforcement/grid/?kind=component").content.decode()
        assert r.number not in body and "SZCG-2019-2" in body
        body = client.get("/workspace/enforcement/grid/?overdue=1").content.decode()
        assert r.number in body and "SZCG-2019-2" not in body
        resp = client.get("/workspace/enforcement/grid/?status=dispatched&export=xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(resp.content)).get_sheet_by_index(0)
    data = rows.to_python()
    assert data[0][0] == "编号" and [x[0] for x in data[1:]] == [r.number]
    assert "超期" in data[1]


def test_list_pages_by_key(g, client):
    with at(D(2019, 6, 3)):
        first, second, third = (g.file() for _i in range(3))
    _login(client, g.centre)
    body = client.get(f"/workspace/enforcement/grid/?after={third.pk}").content.decode()
    assert first.number in body and second.number in body and third.number not in body


def test_file_through_the_page_and_see_the_message_on_bad_input(g, client):
    _login(client, g.member)
    with at(D(2019, 6, 3)):
        resp = client.post(
            "/workspace/enforcement/grid/new/",
            {
                "cell": g.cell_a.pk,
                "category": g.garbage.pk,
                "location": "",
                "description": "x",
                "reporter_kind": "public",
            },
        )
        assert resp.status_code == 200
        assert "请填写问题位置" in resp.content.decode()
        assert GridReport.objects.count() == 0
        resp = client.post(
            "/workspace/enforcement/grid/new/",
            {
                "cell": g.cell_a.pk,
                "category": g.garbage.pk,
                "location": "解放路口",
                "description": "垃圾满溢",
                "reporter_kind": "public",
            },
        )
    r = GridReport.objects.get()
    assert resp.status_code == 302 and resp["Location"].endswith(f"/grid/{r.pk}/")


def test_detail_shows_clock_timeline_actions_and_supervision(g, client):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(category=g.lamp))
    _login(client, g.d.supervisor)
    with at(D(2019, 6, 12)):
        body = client.get(f"/workspace/enforcement/grid/{r.pk}/").content.decode()
        assert "处置时限" in body and "2019-06-11" in body and "超期" in body
        assert "上报城管问题" in body and "期限起算" in body  # timeline labels
        assert "超期督办" in body
        resp = client.post(f"/workspace/enforcement/grid/{r.pk}/supervise/", follow=True)
    assert "已下达督办任务" in resp.content.decode()
    assert SupervisionTask.objects.filter(source_ref=r.number).exists()


def test_actions_through_the_page(g, client):
    with at(D(2019, 6, 3)):
        r = g.file()
    _login(client, g.clerk_a)
    with at(D(2019, 6, 3)):
        body = client.get(f"/workspace/enforcement/grid/{r.pk}/").content.decode()
        assert "派遣" in body
        client.post(f"/workspace/enforcement/grid/{r.pk}/move/", {"to": "dispatched", "version": 1})
        resp = client.post(
            f"/workspace/enforcement/grid/{r.pk}/move/",
            {"to": "dispatched", "version": 1},
            follow=True,
        )
    assert "该事项已被他人修改" in resp.content.decode()
    assert GridReport.objects.get(pk=r.pk).status == GridStatus.DISPATCHED


def test_cells_and_categories_pages(g, client):
    _login(client, g.d.admin)
    body = client.get("/workspace/enforcement/grid/cells/").content.decode()
    assert "430102-01-01" in body
    resp = client.get("/workspace/enforcement/grid/cells/?level=street&export=xlsx")
    data = CalamineWorkbook.from_filelike(io.BytesIO(resp.content)).get_sheet_by_index(0)
    assert [r[0] for r in data.to_python()[1:]] == ["430102-01", "430102-02"]
    body = client.get("/workspace/enforcement/grid/categories/?kind=event").content.decode()
    assert "暴露垃圾" in body and "上水井盖" not in body and "未核对" in body
    resp = client.post(
        "/workspace/enforcement/grid/cells/new/",
        {
            "code": "430102-02-01",
            "name": "乙一社区网格",
            "level": "community",
            "parent": g.cell_b.pk,
            "org": g.d.comm_b.pk,
        },
    )
    assert resp.status_code == 302
    assert GridCell.objects.get(code="430102-02-01").org == g.d.comm_b


def test_todo_links_to_the_report(g):
    reverse("enforcement:grid")  # loads the URLconf, which registers the link maker
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file())
    assert matterlinks.url_for("enforcement.gridreport", str(r.pk)) == (
        f"/workspace/enforcement/grid/{r.pk}/"
    )


def test_bulk_supervision_and_category_load_through_the_pages(g, client):
    with at(D(2019, 6, 3)):
        r = grid_flow.report_dispatch(actor=g.clerk_a, report=g.file())
    _login(client, g.d.supervisor)
    with at(D(2019, 6, 12)):
        body = client.get("/workspace/enforcement/grid/?overdue=1").content.decode()
        assert "对全部超期案卷下达督办" in body
        resp = client.post(
            "/workspace/enforcement/grid/", {"action": "supervise_overdue"}, follow=True
        )
    assert "已对 1 件超期案卷下达督办任务" in resp.content.decode()
    assert SupervisionTask.objects.get().source_ref == r.number
    GridCategory.objects.filter(code="SJ0601").delete()
    _login(client, g.d.admin)
    resp = client.post("/workspace/enforcement/grid/categories/", {"action": "load"}, follow=True)
    assert "已载入 1 个类别" in resp.content.decode()
    _login(client, g.clerk_a)
    resp = client.post("/workspace/enforcement/grid/categories/", {"action": "load"}, follow=True)
    assert "只有系统管理员" in resp.content.decode()


def test_list_queries_do_not_grow_with_rows(g, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _login(client, g.centre)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/workspace/enforcement/grid/").status_code == 200
        # The kernel's get_calendar() checks the calendar's revision on every clock card
        # (two queries a row); that is the kernel's to cache, not this list's N+1.
        return sum(1 for q in ctx.captured_queries if "core_calendar" not in q["sql"])

    with at(D(2019, 6, 3)):
        grid_flow.report_dispatch(actor=g.clerk_a, report=g.file())
        few = count()
        for _i in range(4):
            grid_flow.report_dispatch(actor=g.clerk_a, report=g.file(category=g.manhole))
        assert count() == few
