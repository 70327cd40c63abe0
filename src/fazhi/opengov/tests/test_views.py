"""The request pages: intake, the actions through the page, the reply letter, and another
organisation's staff kept out (404)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from fazhi.core.tests.signin import sign_in

from .. import services
from ..models import ReplyType
from . import factories


@pytest.fixture
def w(db):
    return factories.World()


def test_the_clerk_receives_a_request_and_answers_it_on_the_page(w, client):
    sign_in(client, w.clerk)
    resp = client.post(
        reverse("opengov:request_new"),
        {
            "org": w.body.pk,
            "channel": "online",
            "received_on": "2019-09-02",
            "applicant_kind": "person",
            "applicant_name": "王丽华",
            "applicant_id_number": factories.ID_NUMBER,
            "description": "申请公开2019年老旧小区改造项目清单",
        },
    )
    assert resp.status_code == 302
    url = resp["Location"]
    page = client.get(url).content.decode()
    assert "测试住建局信公申〔2019〕1号" in page and "2019-09-30" in page
    pk = int(url.rstrip("/").split("/")[-1])
    act = reverse("opengov:request_act", args=[pk])
    client.post(
        act,
        {
            "op": "answer",
            "reply_type": "partly",
            "part": ["专家名单"],
            "ground_part": [""],
            "on": "2019-09-20",
        },
    )
    page = client.get(url).content.decode()
    assert "部分公开的，每一项不予公开的部分都须写明理由和依据（“专家名单”未写）。" in page
    client.post(
        act,
        {
            "op": "answer",
            "reply_type": "partly",
            "part": ["专家名单"],
            "ground_part": ["涉及个人隐私（条例第十五条）"],
            "on": "2019-09-20",
        },
    )
    page = client.get(url).content.decode()
    assert "测试住建局信公复〔2019〕1号" in page
    doc = Document(io.BytesIO(client.get(reverse("opengov:reply_docx", args=[pk])).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "测试住建局信公复〔2019〕1号" in text and "政府信息公开申请答复书" in text
    assert "1. 专家名单：涉及个人隐私（条例第十五条）。" in text


def test_another_organisations_staff_get_404(w, client):
    req = factories.request(w)
    services.request_answer(
        actor=factories.SYSTEM, request=req, reply_type=ReplyType.DISCLOSED, on=dt.date(2019, 9, 5)
    )
    sign_in(client, w.stranger)
    for name in ("opengov:request", "opengov:reply_docx"):
        assert client.get(reverse(name, args=[req.pk])).status_code == 404
    assert (
        client.post(reverse("opengov:request_act", args=[req.pk]), {"op": "withdraw"}).status_code
        == 404
    )
    assert req.number not in client.get(reverse("opengov:requests")).content.decode()
