"""The power list and past cases in and out of Excel: all rows or nothing, each bad row named,
an export that imports back unchanged, and the pages that carry them."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from fazhi.core import identity
from fazhi.core.dataexchange import runner
from fazhi.core.indicators import evaluate
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.factories import user
from fazhi.core.tests.signin import sign_in

from ..imports_catalogue import ITEMS, PAST_CASES, power_list_xlsx
from ..models import Case, CaseStatus, DiscretionBand, EnforcementItem, Payment
from .casefactories import Bureau
from .xlsxrows import BAD_ID, past_case_row, xlsx

pytestmark = pytest.mark.django_db

D = dt.date
BODY = "测试区行政执法局"
ITEM_HEADERS = [c.header + ("*" if c.required else "") for c in ITEMS.columns]
CASE_HEADERS = [c.header for c in PAST_CASES.columns]  # as in xlsxrows.PAST_CASE_HEADERS
CODE = identity.generate_credit_code("91430102MA4L0009")
BAD_CODE = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


@pytest.fixture
def b(db):
    return Bureau()


KIND = {"items": "power-list", "cases": "past-cases"}


def _run(b, kind, rows, headers, actor=None):
    return runner.run(
        KIND[kind], actor=actor or b.leader, data=xlsx(headers, rows), filename="清单.xlsx"
    )


def item_row(code="CG-101", band="A", lo=0, hi=500, **over):
    row = {
        "code": code,
        "name": "乱倒垃圾",
        "body": BODY,
        "field": "城市管理",
        "kind": "行政处罚",
        "legal_basis": "《城市市容和环境卫生管理条例》第三十四条",
        "penalty_basis": "同上",
        "band_code": band,
        "band_facts": "情节轻微" if band else "",
        "fine_min": lo,
        "fine_max": hi,
        "other": "",
    }
    row.update(over)
    return list(row.values())


# ---------------------------------------------------------------- the power list


def test_power_list_rows_make_items_with_their_bands(b):
    result = _run(
        b,
        "items",
        [
            item_row(band="A", lo=0, hi=500),
            item_row(band="B", lo=500, hi=5000),
            item_row(code="CG-102", name="擅自设置广告", band="", lo=None, hi=None),
        ],
        ITEM_HEADERS,
    )
    assert result.ok, result.errors
    item = EnforcementItem.objects.get(code="CG-101")
    assert (item.name, item.kind, item.field.code) == ("乱倒垃圾", "penalty", "city")
    assert [(x.code, x.fine_min, x.fine_max) for x in item.bands.all()] == [
        ("A", Decimal("0.00"), Decimal("500.00")),
        ("B", Decimal("500.00"), Decimal("5000.00")),
    ]
    assert EnforcementItem.objects.get(code="CG-102").bands.count() == 0
    assert LedgerEvent.objects.filter(action="enf.band", subject_id=str(item.pk)).count() == 2


def test_bad_power_list_rows_are_each_named_and_nothing_is_saved(b):
    before = (EnforcementItem.objects.count(), DiscretionBand.objects.count())
    events = LedgerEvent.objects.count()
    result = _run(
        b,
        "items",
        [
            item_row(band="A"),
            item_row(band="B", name="乱扔垃圾"),  # disagrees with the row above
            item_row(code="CG-103", kind="行政许可"),
            item_row(code="CG-104", lo=900, hi=100),
            item_row(code="CG-105", field="卫生健康"),
            item_row(code="CG-106", hi="五百"),
        ],
        ITEM_HEADERS,
    )
    got = [(e.row, e.column) for e in result.errors]
    assert got == [
        (3, "事项名称"),
        (4, "事项类别"),
        (5, ""),
        (6, "执法领域"),
        (7, "罚款上限（元）"),
    ]
    assert result.errors[2].message == "罚款下限 900.00 元高于上限 100.00 元。"
    assert result.errors[3].message == "执法领域“卫生健康”不存在。"
    assert (EnforcementItem.objects.count(), DiscretionBand.objects.count()) == before
    assert LedgerEvent.objects.count() == events


def test_an_exported_power_list_imports_back_unchanged(b):
    data = power_list_xlsx(EnforcementItem.objects.all())
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert sheet[0] == ITEM_HEADERS
    assert sheet[1][:8] == [
        "CG-001",
        "擅自占道经营",
        BODY,
        "城市管理",
        "行政处罚",
        "《城市市容和环境卫生管理条例》第三十六条",
        "《城市市容和环境卫生管理条例》第三十六条",
        "A",
    ]
    assert (sheet[1][9], sheet[1][10], sheet[2][9], sheet[2][10]) == (0, 200, 200, 50000)
    bands = list(DiscretionBand.objects.values_list("item__code", "code", "fine_min", "fine_max"))
    result = runner.run("power-list", actor=b.leader, data=data, filename="导出.xlsx")
    assert result.ok, result.errors
    assert (
        list(DiscretionBand.objects.values_list("item__code", "code", "fine_min", "fine_max"))
        == bands
    )


def test_a_clerk_cannot_import_the_power_list(b):
    result = _run(b, "items", [item_row()], ITEM_HEADERS, actor=b.clerk)
    [err] = result.errors
    assert err.message == "只有本单位负责人或系统管理员可以维护执法事项和执法人员。"
    assert not EnforcementItem.objects.filter(code="CG-101").exists()


# ---------------------------------------------------------------- past cases


def case_row(**over):
    return past_case_row(2019, **over)


def test_past_cases_are_recorded_closed_and_count_in_the_year(b):
    result = _run(
        b,
        "cases",
        [
            case_row(),
            case_row(
                number="芙执案〔2019〕16号",
                party_kind="法人或其他组织",
                party_name="某某餐饮有限公司",
                party_id_number="",
                party_credit_code=CODE,
                decision_number="芙执罚决〔2019〕16号",
                fine="1,200.50",
                paid=None,
                paid_on=None,
                archived_on=D(2019, 6, 1),
            ),
        ],
        CASE_HEADERS,
    )
    assert result.ok, result.errors
    one, two = Case.objects.order_by("number")
    assert (one.status, one.decision.fine, one.decision.served_on) == (
        CaseStatus.CLOSED,
        Decimal("500.00"),
        D(2019, 4, 11),
    )
    assert Payment.objects.get(decision=one.decision).amount == Decimal("500.00")
    assert (two.status, two.decision.fine, two.party_credit_code) == (
        CaseStatus.ARCHIVED,
        Decimal("1200.50"),
        CODE,
    )
    event = LedgerEvent.objects.get(action="enf.case.import", subject_id=str(one.pk))
    assert event.data["decision"] == "芙执罚决〔2019〕15号" and event.data["fine"] == "500.00"
    assert evaluate("ENF-CASES-CLOSED", year=2019).value == 2
    assert evaluate("ENF-FINES", year=2019).value == Decimal("1700.50")


def test_bad_past_case_rows_are_each_named_and_nothing_is_saved(b):
    events = LedgerEvent.objects.count()
    result = _run(
        b,
        "cases",
        [
            case_row(party_id_number=BAD_ID),
            case_row(
                number="2",
                decision_number="D2",
                party_kind="法人或其他组织",
                party_id_number="",
                party_credit_code=BAD_CODE,
            ),
            case_row(number="3", decision_number="D3", closed_on=D(2019, 4, 1)),
            case_row(number="4", decision_number="D4", paid=800),
            case_row(number="5", decision_number="", decided_on=None),
            case_row(number="6", decision_number="D6", outcome="不予行政处罚"),
            case_row(number="7", decision_number="D7", received_on="2019年13月1日"),
            case_row(number="8", decision_number="D8", item="XX-999"),
        ],
        CASE_HEADERS,
    )
    got = [(e.row, e.column) for e in result.errors]
    assert got == [
        (2, "身份证号码"),
        (3, "统一社会信用代码"),
        (4, "结案日期"),
        (5, "已缴纳（元）"),
        (6, "决定书文号"),
        (6, "决定日期"),
        (7, "罚款（元）"),
        (8, "收到日期"),
        (9, "执法事项编码"),
    ]
    assert result.errors[2].message == "日期 2019-04-01 早于缴纳日期 2019-04-20。"
    assert result.errors[3].message == "缴纳金额 800.00 元超过罚款 500.00 元。"
    assert result.errors[6].message == "不予处罚的案件不能有罚款。"
    assert Case.objects.count() == 0
    assert LedgerEvent.objects.count() == events


def test_a_past_case_number_used_twice_in_one_file_is_refused(b):
    result = _run(
        b, "cases", [case_row(), case_row(decision_number="芙执罚决〔2019〕99号")], CASE_HEADERS
    )
    [err] = result.errors
    assert (err.row, err.column, err.message) == (3, "案件编号", "与本文件第2行重复。")
    assert Case.objects.count() == 0


# ---------------------------------------------------------------- pages


def test_power_list_pages_filter_export_and_edit(b, client):
    sign_in(client, b.leader)
    page = client.get(reverse("enforcement:items"), {"q": "占道"})
    assert page.status_code == 200 and "CG-001" in page.content.decode()
    assert (
        "CG-001"
        not in client.get(reverse("enforcement:items"), {"kind": "inspection"}).content.decode()
    )
    export = client.get(reverse("enforcement:items"), {"export": "xlsx"})
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0)
    assert len(sheet.to_python()) == 3  # header + the item's two bands
    item = EnforcementItem.objects.get(code="CG-001")
    resp = client.post(
        reverse("enforcement:item", args=[item.pk]),
        {
            "band-code": "C",
            "band-facts": "多次违法",
            "band-fine_min": "60000",
            "band-fine_max": "1",
        },
    )
    assert resp.status_code == 200
    assert "罚款下限 60000.00 元高于上限 1.00 元。" in resp.content.decode()
    assert not item.bands.filter(code="C").exists()
    resp = client.post(
        reverse("enforcement:item", args=[item.pk]),
        {"band-code": "C", "band-facts": "多次违法", "band-fine_min": "1", "band-fine_max": "9"},
    )
    assert resp.status_code == 302 and item.bands.filter(code="C").exists()
    upload = SimpleUploadedFile("清单.xlsx", xlsx(ITEM_HEADERS, [item_row()]))
    resp = client.post(reverse("enforcement:item_import"), {"file": upload})
    assert resp.status_code == 302 and EnforcementItem.objects.filter(code="CG-101").exists()


def test_another_organisation_sees_no_items_and_cannot_edit(b, client):
    item = EnforcementItem.objects.get(code="CG-001")
    stranger = user("street_clerk", org=b.d.street_a, role="leader")
    sign_in(client, stranger)
    assert "CG-001" not in client.get(reverse("enforcement:items")).content.decode()
    assert client.get(reverse("enforcement:item", args=[item.pk])).status_code == 404
    page = client.get(reverse("enforcement:item_new")).content.decode()
    assert 'id="no-bodies"' in page and "<form" not in page.split('id="no-bodies"')[1]
    assert client.post(reverse("enforcement:item_new"), {"code": "X"}).status_code == 200
    assert not EnforcementItem.objects.filter(code="X").exists()
    # the clerk of the bureau sees the item but may not change it
    sign_in(client, b.clerk)
    page = client.get(reverse("enforcement:item", args=[item.pk]))
    assert page.status_code == 200 and "保存档次" not in page.content.decode()
    assert client.post(reverse("enforcement:item", args=[item.pk]), {}).status_code == 403


# ---------------------------------------------------------------- body settings, major rules


def test_body_settings_keep_what_is_not_given_and_refuse_a_bad_prefix(b, client):
    from ..services import catalogue

    catalogue.body_save(
        actor=b.leader, org=b.body.org, kind="centralised", public_phone="0731-84411234"
    )
    b.body.refresh_from_db()
    assert (b.body.doc_prefix, b.body.public_phone) == ("芙执罚决", "0731-84411234")
    sign_in(client, b.leader)
    url = reverse("enforcement:body_edit", args=[b.body.pk])
    resp = client.post(url, {"doc_prefix": "FZ-1", "fields": [b.field.pk]})
    assert "机关代字只能由汉字组成，如“芙执罚决”。" in resp.content.decode()
    b.body.refresh_from_db()
    assert b.body.doc_prefix == "芙执罚决" and b.body.fields.count() == 2
    resp = client.post(url, {"doc_prefix": "芙城管罚决", "fields": [b.field.pk]})
    assert resp.status_code == 302
    b.body.refresh_from_db()
    assert b.body.doc_prefix == "芙城管罚决" and list(b.body.fields.all()) == [b.field]
    sign_in(client, b.clerk)
    assert client.get(url).status_code == 403


def test_the_enquiry_phone_and_address_are_edited_and_shown_to_the_public(b, client):
    sign_in(client, b.leader)
    url = reverse("enforcement:body_edit", args=[b.body.pk])
    resp = client.post(
        url,
        {
            "doc_prefix": "芙执罚决",
            "fields": [b.field.pk],
            "public_phone": "0731-84116320",
            "public_address": "长沙市芙蓉区八一路212号",
        },
    )
    assert resp.status_code == 302
    b.body.refresh_from_db()
    assert (b.body.public_phone, b.body.public_address) == (
        "0731-84116320",
        "长沙市芙蓉区八一路212号",
    )
    event = LedgerEvent.objects.filter(action="enf.body").order_by("seq").last()
    assert event.data["address"] == "长沙市芙蓉区八一路212号"
    assert "长沙市芙蓉区八一路212号" in client.get(reverse("enforcement:bodies")).content.decode()
    client.logout()
    guide = client.get(reverse("enforcement_public:guide")).content.decode()
    enquiry = guide[guide.index('id="enquiry"') :]
    assert f"{b.body.org.name}：0731-84116320" in enquiry
    assert "（地址：长沙市芙蓉区八一路212号）" in enquiry


def test_major_rules_are_configured_through_the_service(b, client):
    from django.core.exceptions import PermissionDenied, ValidationError

    from ..models import MajorCaseRule
    from ..rules import classify_major
    from ..services import catalogue

    case = type("C", (), {"body": b.body, "hearing_requested_on": None})()
    assert classify_major(case, fine=Decimal(20000), kinds=["fine"]) == ["罚款一万元以上"]
    with pytest.raises(ValidationError) as exc:
        catalogue.major_rule_save(actor=b.leader, name="空规则", body=b.body)
    assert exc.value.messages == [
        "请至少选择一项认定条件（罚款数额、吊销证照、停产停业、听证或疑难复杂）。"
    ]
    with pytest.raises(PermissionDenied):  # district-wide rules are the administrator's
        catalogue.major_rule_save(actor=b.leader, name="吊销证照", licence_revocation=True)
    assert MajorCaseRule.objects.count() == 1
    sign_in(client, b.leader)
    resp = client.post(
        reverse("enforcement:major_rule_new"),
        {"name": "责令停业", "body": b.body.pk, "closure": "on", "is_active": "on"},
    )
    assert resp.status_code == 302
    assert classify_major(case, fine=Decimal(100), kinds=["closure"]) == ["责令停业"]
    rule = MajorCaseRule.objects.get(name="责令停业")
    assert LedgerEvent.objects.filter(action="enf.major_rule", subject_id=str(rule.pk)).exists()
    page = client.get(reverse("enforcement:major_rules")).content.decode()
    assert "罚款 ≥ 10000.00 元" in page and "责令停业" in page
    # another organisation's leader sees the district rule but not the bureau's own
    sign_in(client, user("street_leader", org=b.d.street_a, role="leader"))
    page = client.get(reverse("enforcement:major_rules")).content.decode()
    assert "罚款一万元以上" in page and "责令停业" not in page
    assert client.get(reverse("enforcement:major_rule_edit", args=[rule.pk])).status_code == 404


def test_an_english_user_imports_a_file_written_in_chinese(b):
    from django.utils import translation

    with translation.override("en"):
        result = _run(b, "items", [item_row(code="CG-201")], ITEM_HEADERS)
        assert result.ok, result.errors
        result = _run(
            b, "items", [item_row(code="CG-202", kind="Administrative penalty")], ITEM_HEADERS
        )
        assert result.ok, result.errors  # the English label is accepted too
        result = _run(b, "items", [item_row(code="CG-203", kind="行政许可")], ITEM_HEADERS)
        [err] = result.errors
        assert err.message.endswith(
            "Administrative penalty / Administrative compulsion / Administrative inspection"
        )
    assert EnforcementItem.objects.filter(code__in=["CG-201", "CG-202"]).count() == 2
