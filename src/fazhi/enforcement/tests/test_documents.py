"""The printable documents (决定书, 事先告知书) and the case-file export (案卷 ZIP)."""

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from fazhi.core import attachments, identity, ledger
from fazhi.core.cnformat import fmt_rmb_upper
from fazhi.core.models import LedgerEvent, Role
from fazhi.core.tests.factories import user
from fazhi.core.tests.signin import sign_in

from .. import casefile, documents
from ..models import Case
from ..services import cases as svc
from ..services import decisions
from .casefactories import Bureau

pytestmark = pytest.mark.django_db

D = dt.date
CREDIT_CODE = identity.generate_credit_code("91430102MA4L0002")
PDF = b"%PDF-1.4 inquiry record"
MP4 = b"\x00\x00\x00\x18ftypmp42 recording"


@pytest.fixture
def b(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return Bureau()


def _investigated(b, *, on, fine, band, party=None, kinds=("fine",)):
    party = party or dict(
        party_kind="org",
        party_name="长沙某某餐饮有限公司",
        party_credit_code=CREDIT_CODE,
        party_legal_rep="王某",
        party_address="长沙市芙蓉区五一大道123号",
    )
    case = svc.case_open(
        actor=b.clerk,
        body=b.body,
        field=b.field,
        item=b.item,
        source="complaint",
        facts="当事人在五一大道123号门前占用人行道摆放桌椅经营。\n经责令改正，当事人拒不改正。",
        received_on=on,
        **party,
    )
    case = svc.register(actor=b.leader, case=case, on=on + dt.timedelta(days=1))
    svc.assign_officer(actor=b.leader, case=case, officer=b.officer1, lead=True, on=on)
    svc.assign_officer(actor=b.leader, case=case, officer=b.officer2, on=on)
    svc.evidence_add(
        actor=b.officer_user,
        case=case,
        kind="inquiry",
        title="询问笔录",
        collected_on=on + dt.timedelta(days=2),
        officer=b.officer1,
        content=PDF,
        filename="inquiry.pdf",
    )
    svc.recording_add(
        actor=b.officer_user,
        case=case,
        officer=b.officer1,
        device="DSJ-007",
        recorded_at=dt.datetime(on.year, on.month, on.day + 2, 9, 30, tzinfo=dt.UTC),
        content=MP4,
        filename="scene.mp4",
    )
    return svc.propose(actor=b.officer_user, case=case, fine=fine, band=band, kinds=list(kinds))


def _major_2019(b, *, pay=True):
    """A major 2019 case (2017 texts): notified, reviewed, decided, served, paid."""
    case = _investigated(b, on=D(2019, 3, 4), fine=Decimal(20000), band=b.heavy)
    case = svc.notify(actor=b.leader, case=case, on=D(2019, 3, 8))
    case = svc.submit_review(actor=b.officer_user, case=case, on=D(2019, 3, 12))
    svc.review_opinion(actor=b.reviewer, case=case, opinion="pass", reasons="", on=D(2019, 3, 13))
    d = decisions.decide(
        actor=b.leader,
        case=Case.objects.get(pk=case.pk),
        on=D(2019, 5, 20),
        outcome="penalty",
        fine=Decimal(20000),
        band=b.heavy,
        basis="《城市市容和环境卫生管理条例》第三十六条",
        kinds=["fine"],
    )
    if pay:
        decisions.serve(actor=b.officer_user, case=d.case, on=D(2019, 5, 21), method="直接送达")
        decisions.pay(
            actor=b.clerk, case=d.case, on=D(2019, 5, 28), amount=Decimal(20000), receipt="R1"
        )
    return Case.objects.get(pk=case.pk)


def _texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text]


@pytest.mark.parametrize(
    ("amount", "upper"),
    [
        ("0.5", "伍角整"),
        ("10", "壹拾元整"),
        ("100000", "壹拾万元整"),
        ("2590000.07", "贰佰伍拾玖万元零柒分"),
        ("1001", "壹仟零壹元整"),
    ],
)
def test_amounts_in_capitals(amount, upper):
    assert fmt_rmb_upper(Decimal(amount)) == upper
    assert documents.money(Decimal(amount)) == f"人民币{upper}（¥{Decimal(amount):.2f}）"


def test_decision_2019_cites_the_2017_texts(b):
    case = _major_2019(b)
    data = documents.decision_docx(case.decision)
    texts = _texts(data)
    assert texts[:3] == ["测试区行政执法局", "芙执罚决〔2019〕1号", "行政处罚决定书"]
    assert texts[3:8] == [
        "当事人：长沙某某餐饮有限公司",
        f"统一社会信用代码：{CREDIT_CODE}",  # served on the party: not redacted
        "法定代表人（负责人）：王某",
        "住所：长沙市芙蓉区五一大道123号",
        "本机关于2019年3月5日对长沙某某餐饮有限公司涉嫌违法案立案调查，现已调查终结。",
    ]
    assert texts[8:] == [
        "一、违法事实和证据",
        "当事人在五一大道123号门前占用人行道摆放桌椅经营。",
        "经责令改正，当事人拒不改正。",
        "上述事实，有下列证据证明：",
        "1. 询问笔录（询问笔录，2019年3月6日收集）",
        "二、处罚依据和裁量基准",
        "违法行为：擅自占道经营。",
        "处罚依据：《城市市容和环境卫生管理条例》第三十六条。",
        "适用裁量基准：CG-001 B档（拒不改正），罚款幅度为200元至50000元。",
        "三、处理决定",
        "本机关决定对当事人作出如下行政处罚：",
        "1. 罚款人民币贰万元整（¥20000.00）。",
        "四、履行方式和期限",
        "当事人应当自收到本决定书之日起十五日内，到指定的银行缴纳罚款"
        "（《中华人民共和国行政处罚法》第四十六条第三款）。",
        "到期不缴纳罚款的，本机关可以依法每日按罚款数额的百分之三加处罚款。",
        "五、救济途径和期限",
        "当事人如不服本决定，可以自收到本决定书之日起六十日内依照《中华人民共和国行政复议法》"
        "第九条的规定申请行政复议；也可以自收到本决定书之日起六个月内依照"
        "《中华人民共和国行政诉讼法》第四十六条的规定直接向人民法院提起行政诉讼。",
        "测试区行政执法局",
        "2019年5月20日",
    ]
    doc = Document(io.BytesIO(data))
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    margins = (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    mark = doc.paragraphs[0].runs[0]
    assert str(mark.font.color.rgb) == "FF0000" and mark.font.name == "方正小标宋简体"
    sign, date = doc.paragraphs[-2].paragraph_format, doc.paragraphs[-1].paragraph_format
    assert (sign.right_indent.pt, date.right_indent.pt) == (32, 24)  # 2 字; date 2 字 further right
    assert sec.footer.paragraphs[0].text == "— 1 —"
    assert sec.even_page_footer.paragraphs[0].text == "— 1 —"
    assert documents.decision_docx(case.decision) == data  # deterministic


def test_no_penalty_decision(b):
    case = _investigated(
        b,
        on=D(2019, 6, 3),
        fine=Decimal(0),
        band=None,
        kinds=(),
        party=dict(party_kind="person", party_name="李某", party_id_number="430102198001010011"),
    )
    case = svc.notify(actor=b.leader, case=case, on=D(2019, 6, 10))
    d = decisions.decide(
        actor=b.leader,
        case=case,
        on=D(2019, 6, 14),
        outcome="first_offence",
        basis="《长沙市城市管理轻微违法行为免罚清单》第一项",
    )
    texts = _texts(documents.decision_docx(d))
    assert texts[2] == "不予行政处罚决定书"
    assert "身份证号码：430102198001010011" in texts
    assert "本机关决定对当事人不予行政处罚（首违不罚）。" in texts
    assert "四、救济途径和期限" in texts
    assert not [t for t in texts if "缴纳" in t or "裁量基准：" in t]


def test_notice_2019_states_the_hearing_right_in_three_days(b):
    case = _investigated(b, on=D(2019, 3, 4), fine=Decimal(20000), band=b.heavy)
    with pytest.raises(ValueError):
        documents.notice_docx(case)
    case = svc.notify(actor=b.leader, case=case, on=D(2019, 3, 8))
    texts = _texts(documents.notice_docx(case))
    assert case.notice_number == "芙执罚告〔2019〕1号"  # its own series: 罚决 → 罚告
    assert texts[:4] == [
        "测试区行政执法局",
        "芙执罚告〔2019〕1号",
        "行政处罚事先告知书",
        "长沙某某餐饮有限公司：",
    ]
    assert texts[-7:] == [
        "本机关拟对你（单位）作出如下行政处罚：",
        "1. 罚款人民币贰万元整（¥20000.00）。",
        "根据《中华人民共和国行政处罚法》第三十一条、第三十二条、第四十一条的规定，"
        "你（单位）有权进行陈述和申辩。你（单位）可以自收到本告知书之日起三日内向本机关"
        "提出陈述、申辩意见。本机关将对你（单位）提出的事实、理由和证据进行复核，"
        "不会因你（单位）陈述、申辩而加重处罚。",
        "根据《中华人民共和国行政处罚法》第四十二条第（一）项的规定，"
        "你（单位）有要求举行听证的权利。要求听证的，应当在本机关告知后三日内提出。",
        "执法人员：执法人员甲（执法证号湘执01001）、执法人员乙（执法证号湘执01002）",
        "测试区行政执法局",
        "2019年3月8日",
    ]
    assert "拟适用裁量基准：CG-001 B档（拒不改正），罚款幅度为200元至50000元。" in texts


def test_2024_documents_cite_the_current_texts(b):
    case = _investigated(b, on=D(2024, 3, 4), fine=Decimal(150), band=b.light)
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    notice = _texts(documents.notice_docx(case))
    assert not [t for t in notice if "听证" in t]  # a small fine: no hearing right
    assert (
        "根据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十二条的规定，你（单位）"
        "有权进行陈述和申辩。你（单位）可以自收到本告知书之日起五个工作日内向本机关提出陈述、"
        "申辩意见。本机关将对你（单位）提出的事实、理由和证据进行复核，不会因你（单位）陈述、"
        "申辩而加重处罚。"
    ) in notice
    d = decisions.decide(
        actor=b.leader,
        case=case,
        on=D(2024, 3, 18),
        outcome="penalty",
        fine=Decimal("150.5"),
        band=b.light,
        basis="第三十六条",
        kinds=["warning", "fine"],
    )
    texts = _texts(documents.decision_docx(d))
    assert texts[texts.index("本机关决定对当事人作出如下行政处罚：") + 1 :][:2] == [
        "1. 警告；",
        "2. 罚款人民币壹佰伍拾元伍角整（¥150.50）。",
    ]
    assert (
        "当事人应当自收到本决定书之日起十五日内，到指定的银行缴纳罚款"
        "（《中华人民共和国行政处罚法》第六十七条第三款）。"
    ) in texts
    assert (
        "当事人如不服本决定，可以自收到本决定书之日起六十日内依照《中华人民共和国行政复议法》"
        "第二十条、第二十一条的规定申请行政复议；也可以自收到本决定书之日起六个月内依照"
        "《中华人民共和国行政诉讼法》第四十六条的规定直接向人民法院提起行政诉讼。"
    ) in texts


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2019, 5, 28, 0, 0, 0)}
        return {i.filename: zf.read(i) for i in zf.infolist()}


def test_casefile_bundle(b):
    case = _major_2019(b)
    data = casefile.casefile_zip(case)
    members = _members(data)
    assert list(members) == [
        "00-目录.txt",
        "01-案件基本情况.txt",
        "02-证据清单.txt",
        "03-inquiry.pdf",
        "04-scene.mp4",
        "05-行政处罚事先告知书.docx",
        "06-法制审核意见.txt",
        "07-行政处罚决定书.docx",
        "08-送达记录.txt",
        "09-缴款记录.txt",
        "ledger.json",
        "manifest.json",
        "manifest.csv",
    ]
    assert members["03-inquiry.pdf"] == PDF and members["04-scene.mp4"] == MP4
    assert members["07-行政处罚决定书.docx"] == documents.decision_docx(case.decision)
    manifest = json.loads(members["manifest.json"])["files"]
    assert [f["name"] for f in manifest] == list(members)[:-2]
    for f in manifest:
        body = members[f["name"]]
        assert f["sha256"] == hashlib.sha256(body).hexdigest() and f["bytes"] == len(body)
    assert manifest[3]["recorded_sha256"] == hashlib.sha256(PDF).hexdigest()
    assert manifest[3]["title"] == "证据：询问笔录（询问笔录）"
    rows = list(csv.DictReader(io.StringIO(members["manifest.csv"].decode("utf-8-sig"))))
    assert [(r["order"], r["name"], r["sha256"], r["bytes"]) for r in rows] == [
        (str(f["order"]), f["name"], f["sha256"], str(f["bytes"])) for f in manifest
    ]
    index = members["00-目录.txt"].decode()
    assert "案号：芙执案〔2019〕1号" in index and "07  行政处罚决定书 芙执罚决〔2019〕1号" in index
    assert "09-缴款记录.txt" in index and "ledger.json" in index
    assert "人民币贰万元整（¥20000.00）" in members["09-缴款记录.txt"].decode()

    # the ledger extract: every event re-hashes and matches the chain
    events = json.loads(members["ledger.json"])["events"]
    assert events and [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    stored = dict(LedgerEvent.objects.values_list("seq", "hash"))
    for e in events:
        fields = {k: v for k, v in e.items() if k != "hash"}
        assert ledger.event_hash(fields) == e["hash"] == stored[e["seq"]]
    assert {"enf.case.create", "enf.evidence", "enf.decision", "enf.payment"} <= {
        e["action"] for e in events
    }
    assert ledger.verify().ok

    # a stored file that has gone missing is named, not silently dropped
    attachments.path_of(hashlib.sha256(PDF).hexdigest()).unlink()
    members = _members(casefile.casefile_zip(case))
    assert "03-inquiry.pdf" not in members
    row = json.loads(members["manifest.json"])["files"][3]
    assert (row["name"], row["problem"], row["bytes"]) == ("03-inquiry.pdf", "文件缺失", len(PDF))
    assert "03-inquiry.pdf  23 字节（文件缺失）" in members["00-目录.txt"].decode()


def test_casefile_download_is_recorded_and_byte_identical(b, client):
    case = _major_2019(b)
    sign_in(client, b.leader)
    url = reverse("enforcement:case_casefile_zip", args=[case.pk])
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/zip"
    assert first.content == second.content == casefile.casefile_zip(case)
    with translation.override("en"):  # the same bundle whoever exports it
        assert casefile.casefile_zip(case) == first.content
    exports = LedgerEvent.objects.filter(action="enf.casefile.export", subject_id=str(case.pk))
    assert exports.count() == 2
    assert {k: v for k, v in exports.first().data.items() if k != "_state"} == {
        "sha256": hashlib.sha256(first.content).hexdigest(),
        "bytes": len(first.content),
    }
    assert exports.first().actor_id == b.leader.pk
    assert ledger.verify().ok


def test_downloads_and_links(b, client):
    case = _major_2019(b, pay=False)
    sign_in(client, b.leader)
    page = client.get(reverse("enforcement:case", args=[case.pk])).content.decode()
    for name in ("case_decision_docx", "case_notice_docx", "case_casefile_zip"):
        assert reverse(f"enforcement:{name}", args=[case.pk]) in page
    resp = client.get(reverse("enforcement:case_decision_docx", args=[case.pk]))
    assert resp.status_code == 200 and "wordprocessingml" in resp["Content-Type"]
    assert "芙执罚决〔2019〕1号" in _texts(resp.content)
    resp = client.get(reverse("enforcement:case_notice_docx", args=[case.pk]))
    assert _texts(resp.content)[2] == "行政处罚事先告知书"

    # a case without a decision or notice has neither link nor document
    bare = svc.case_open(
        actor=b.clerk,
        body=b.body,
        field=b.field,
        source="patrol",
        party_kind="person",
        party_name="赵某",
        received_on=D(2019, 7, 1),
    )
    page = client.get(reverse("enforcement:case", args=[bare.pk])).content.decode()
    assert reverse("enforcement:case_decision_docx", args=[bare.pk]) not in page
    assert reverse("enforcement:case_notice_docx", args=[bare.pk]) not in page
    assert client.get(reverse("enforcement:case_decision_docx", args=[bare.pk])).status_code == 404
    assert client.get(reverse("enforcement:case_notice_docx", args=[bare.pk])).status_code == 404

    # another organisation's user sees none of it, and nothing is recorded
    sign_in(client, user("street_x", org=b.d.street_a, role=Role.LEADER))
    for name in ("case_decision_docx", "case_notice_docx", "case_casefile_zip"):
        assert client.get(reverse(f"enforcement:{name}", args=[case.pk])).status_code == 404
    assert not LedgerEvent.objects.filter(action="enf.casefile.export").exists()
