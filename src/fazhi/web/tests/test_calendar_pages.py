"""Administrators keep the calendar and tighten rules in the workspace; nobody else can."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.calendar import get_calendar
from fazhi.core.models import CalendarDay, LedgerEvent
from fazhi.core.tests.signin import sign_in

pytestmark = pytest.mark.django_db


def _login(client, name):
    sign_in(client, name)


def test_admin_adds_2027_and_it_counts(client, district):
    import datetime as dt

    _login(client, "admin")
    resp = client.post(
        "/workspace/calendar/",
        {
            "year": 2027,
            "notice_number": "国办发明电〔2026〕9号",
            "notice_date": "2026-11-12",
            "source": "https://www.gov.cn/zhengce/content/2027.htm",
        },
    )
    assert resp.status_code == 302
    client.post(
        "/workspace/calendar/2027/day/", {"day": "2027-01-01", "kind": "holiday", "name": "元旦"}
    )
    assert LedgerEvent.objects.filter(action="calendar.day").count() == 1
    assert 2027 not in get_calendar().years  # entered, not in force
    page = client.get("/workspace/calendar/2027/").content.decode()
    assert "2027年登记了1天放假，历年通常为25至36天。" in page and 'id="calendar-publish"' in page
    resp = client.post("/workspace/calendar/2027/publish/", {}, follow=True)
    assert "未生效：" in resp.content.decode() and 2027 not in get_calendar().years
    resp = client.post("/workspace/calendar/2027/publish/", {"confirm_unusual": "on"}, follow=True)
    assert "2027年度已生效" in resp.content.decode()
    assert not get_calendar().is_workday(dt.date(2027, 1, 1))
    listing = client.get("/workspace/calendar/").content.decode()
    assert "天数异常（已确认）" in listing


def test_import_with_a_bad_row_changes_nothing(client, district):
    _login(client, "admin")
    before = CalendarDay.objects.filter(notice_year=2026).count()
    data = "date,kind,name\n2026-01-01,holiday,元旦\n2026-02-30,holiday,坏\n".encode()
    resp = client.post(
        "/workspace/calendar/2026/import/",
        {
            "file": SimpleUploadedFile("y.csv", data),
            "source": "https://www.gov.cn/",
            "notice_number": "国办发明电〔2025〕7号",
            "notice_date": "2025-11-04",
        },
        follow=True,
    )
    assert "导入失败，未做任何修改：第3行：日期格式错误" in resp.content.decode()
    assert CalendarDay.objects.filter(notice_year=2026).count() == before


def test_export_csv(client, district):
    _login(client, "clerk")
    body = client.get("/workspace/calendar/2019/?export=csv").content.decode()
    assert body.splitlines()[0] == "date,kind,name,notice_year,source"
    assert "2019-10-12,workday,国庆节,2019," in body


def test_clerk_cannot_change_the_calendar(client, district):
    _login(client, "clerk")
    assert (
        client.post(
            "/workspace/calendar/2026/day/", {"day": "2026-03-02", "kind": "holiday", "name": "x"}
        ).status_code
        == 404
    )


def test_admin_tightens_a_rule_but_cannot_loosen_it(client, district):
    from fazhi.core.models import TimeRuleVersion

    _login(client, "admin")
    v = TimeRuleVersion.objects.get(rule__code="GK-4", valid_to__isnull=True)
    resp = client.post(
        f"/workspace/deadlines/rules/GK-4/tighten/{v.pk}/",
        {"length": 25, "extension_max": 20, "local_basis": "某规定"},
        follow=True,
    )
    assert "本地规定只能缩短，不能改为 25" in resp.content.decode()
    client.post(
        f"/workspace/deadlines/rules/GK-4/tighten/{v.pk}/",
        {"length": 15, "extension_max": 20, "local_basis": "本区规定第5条"},
    )
    v.refresh_from_db()
    assert (v.length, v.local_basis) == (15, "本区规定第5条")
