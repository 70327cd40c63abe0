"""The reply issue by issue (classes A–D within one suggestion), its number and DOCX in the
congress's form, and the public handling report (nothing personal shown)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from ..models import Point, Suggestion
from ..models import SuggestionStatus as S
from ..services import handling
from .world import Chamber, at

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2019, 2, 20)
REPLY = D(2019, 4, 18)


@pytest.fixture
def c(db):
    with at(DAY):
        yield Chamber()


def _reply_page(client, c, s, data):
    with at(REPLY):
        sign_in(client, c.body_clerk)
        return client.post(
            f"/workspace/suggestions/{s.pk}/move/",
            {"to": "replied", "version": s.version, **data},
            follow=True,
        ).content.decode()


def test_a_reply_issue_by_issue_takes_the_least_solved_class_and_is_numbered(c, client):
    with at(DAY):
        s = c.talked()
    n = LedgerEvent.objects.count()
    bad = _reply_page(
        client,
        c,
        s,
        {
            "reply": "综上，我局将持续加强管理。",
            "result_class": "A",
            "point_0": "夜间施工审批",
            "point_class_0": "A",
            "answer_0": "已收紧夜间施工审批",
            "point_1": "噪声巡查",
            "point_class_1": "",
            "answer_1": "",
        },
    )
    assert "第2个问题须填写问题、答复分类（A至D类）和答复意见。" in bad
    s.refresh_from_db()
    assert (s.status, LedgerEvent.objects.count(), Point.objects.count()) == (S.ASSIGNED, n, 0)
    _reply_page(
        client,
        c,
        s,
        {
            "reply": "综上，我局将持续加强管理。",
            "result_class": "A",
            "point_0": "夜间施工审批",
            "point_class_0": "A",
            "answer_0": "已收紧夜间施工审批，22时后一律不予审批。",
            "point_1": "噪声自动监测",
            "point_class_1": "C",
            "answer_1": "已列入2020年城市管理项目计划。",
        },
    )
    s.refresh_from_db()
    assert (s.status, s.result_class, s.replied_on, s.reply_number) == (
        S.REPLIED,
        "C",
        REPLY,
        "测试区行政执法局建复〔2019〕1号",
    )
    assert [(p.n, p.text, p.result_class) for p in s.points.all()] == [
        (1, "夜间施工审批", "A"),
        (2, "噪声自动监测", "C"),
    ]
    with at(REPLY):
        page = client.get(f"/workspace/suggestions/{s.pk}/").content.decode()
        docx = client.get(f"/workspace/suggestions/{s.pk}/reply.docx")
    assert 'id="reply-docx"' in page and 'data-class="C"' in page
    assert docx.status_code == 200
    text = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs if p.text]
    assert text[:5] == [
        "C",
        "测试区行政执法局",
        "测试区行政执法局建复〔2019〕1号",
        "对测试区第十七届人民代表大会第四次会议第12号建议的答复",
        "刘建华代表：",
    ]
    assert "一、关于夜间施工审批的问题" in text and "二、关于噪声自动监测的问题" in text
    assert "（本问题办理结果：C类（列入计划解决））" in text
    assert "办理结果：C类（列入计划解决）。" in text and "会办单位：甲街道。" in text
    assert text[-2:] == ["测试区行政执法局", "2019年4月18日"]


def test_class_d_and_the_docx_before_any_reply(c, client):
    with at(DAY):
        s = c.talked()
    with at(REPLY):
        sign_in(client, c.body_clerk)
        assert client.get(f"/workspace/suggestions/{s.pk}/reply.docx").status_code == 404
        with pytest.raises(ValidationError) as exc:
            handling.suggestion_reply(
                actor=c.body_clerk, suggestion=s, reply="因条件限制暂不能解决", result_class="E"
            )
        assert exc.value.messages == ["请选择答复分类（A类、B类、C类或D类）。"]
        s = handling.suggestion_reply(
            actor=c.body_clerk, suggestion=s, reply="因用地条件限制暂不能解决", result_class="D"
        )
    assert (s.result_class, s.get_result_class_display()) == ("D", "D类（因条件限制不能解决）")
    # the outsider sees neither the suggestion nor its reply
    with at(REPLY):
        sign_in(client, c.outsider)
        assert client.get(f"/workspace/suggestions/{s.pk}/reply.docx").status_code == 404


def test_the_public_handling_report_shows_no_personal_data(c, client):
    with at(DAY):
        s = c.talked(title="关于刘建华等代表反映的芙蓉中路噪声问题的建议")
        other = c.register(serial="13", title="尚未答复的建议")
    with at(REPLY):
        handling.suggestion_reply(
            actor=c.body_clerk, suggestion=s, reply="已加强巡查", result_class="A"
        )
        page = client.get("/suggestions/", {"year": "2019"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "2019年人大代表建议和政协提案办理情况" in html
    assert "共答复 1 件，按期答复 1 件。" in html
    assert "<li>A类（所提问题已解决或基本解决）：1</li>" in html
    assert "<li>D类（因条件限制不能解决）：0</li>" in html
    assert "建〔2019〕1号" in html and "测试区行政执法局" in html
    assert "刘建华" not in html and "陈秀英" not in html
    assert "已加强巡查" not in html and other.number not in html
    assert Suggestion.objects.get(pk=s.pk).title.startswith("关于刘建华")
