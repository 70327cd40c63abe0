"""Public pages: tracking by number plus check code (a wrong code finds nothing, nothing
about the applicant is shown), the guide with today's periods, a published report."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from .. import reports, services
from ..models import ReplyType, ReportKind
from . import factories


@pytest.fixture
def w(db):
    return factories.World()


def test_the_public_tracks_a_request_by_number_and_check_code(w, client):
    req = factories.request(w)
    services.request_answer(
        actor=factories.SYSTEM, request=req, reply_type=ReplyType.DISCLOSED, on=dt.date(2019, 9, 5)
    )
    url = reverse("opengov_public:track")
    body = client.get(url, {"number": req.number, "code": req.check_code}).content.decode()
    assert (
        'id="track-result"' in body and "予以公开" in body and "测试住建局信公复〔2019〕1号" in body
    )
    assert "王丽华" not in body and factories.ID_NUMBER not in body and "13807315521" not in body
    wrong = "000000" if req.check_code != "000000" else "111111"
    body = client.get(url, {"number": req.number, "code": wrong}).content.decode()
    assert 'id="track-none"' in body and 'id="track-result"' not in body


def test_the_guide_states_the_2019_periods_and_a_published_report_is_public(w, client):
    body = client.get(reverse("opengov_public:guide")).content.decode()
    assert "20个工作日内予以答复" in body and "第三十三条" in body
    rep = reports.report_generate(
        actor=factories.SYSTEM,
        org=w.body,
        year=2019,
        kind=ReportKind.DEPARTMENT,
        on=dt.date(2020, 1, 10),
    )
    assert client.get(reverse("opengov_public:report", args=[rep.pk])).status_code == 404
    reports.report_publish(actor=factories.SYSTEM, report=rep, on=dt.date(2020, 1, 20))
    body = client.get(reverse("opengov_public:report", args=[rep.pk])).content.decode()
    assert "一、本年新收政府信息公开申请数量" in body and "国办公开办函〔2021〕30号" in body
    assert re.search(rep.org.name, client.get(reverse("opengov_public:home")).content.decode())


def test_an_online_request_is_received_the_day_it_is_submitted(w, client):
    from fazhi.core import clock

    from ..models import DisclosureRequest

    url = reverse("opengov_public:apply")
    form = {
        "org": w.body.pk,
        "applicant_kind": "person",
        "applicant_name": "王丽华",
        "applicant_id_number": "430102198503170024",
        "description": "2019年部门预算",
    }
    body = client.post(url, form).content.decode()
    assert "申请人身份证号码有误" in body and not DisclosureRequest.objects.exists()
    form["applicant_id_number"] = factories.ID_NUMBER
    body = client.post(url, form).content.decode()
    req = DisclosureRequest.objects.get()
    assert (req.channel, req.received_on) == ("online", clock.today())
    assert f"申请编号：{req.number}，查询码：{req.check_code}" in body
