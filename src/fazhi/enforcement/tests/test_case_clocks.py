"""The decision deadline by field (CF-2, or CF-2b for market supervision) and a case's clocks
paused, resumed and extended as the rule allows."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core import clocks
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.factories import SYSTEM, user
from fazhi.core.tests.signin import sign_in

from ..services import case_clocks, catalogue
from ..services import cases as svc
from .casefactories import Bureau

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def b(db):
    bureau = Bureau()
    bureau.food = catalogue.field_save(actor=SYSTEM, code="food-safety", name="食品安全")
    catalogue.body_save(
        actor=SYSTEM,
        org=bureau.body.org,
        kind="centralised",
        fields=[bureau.field, bureau.other_field, bureau.food],
    )
    bureau.food_item = catalogue.item_save(
        actor=SYSTEM, body=bureau.body, code="SP-001", name="经营超过保质期的食品",
        field=bureau.food, kind="penalty", legal_basis="《食品安全法》第一百二十四条",
    )  # fmt: skip
    return bureau


JUNE_3 = D(2024, 6, 3)


def _registered(b, field, item, on=JUNE_3):
    case = svc.case_open(
        actor=b.clerk, body=b.body, field=field, item=item, source="complaint",
        party_kind="person", party_name="当事人甲", received_on=on,
    )  # fmt: skip
    case = svc.register(actor=b.leader, case=case, on=on)
    return case, clocks.for_subject(case).get(label="作出处罚决定期限")


def test_market_cases_run_under_the_ministerial_rule(b):
    _case, food = _registered(b, b.food, b.food_item)
    _case, city = _registered(b, b.field, b.item)
    # 90 CD from Mon 2024-06-03 → Sun 09-01, rolled to Mon 09-02, under either rule
    assert (food.rule.code, food.due_on) == ("CF-2b", D(2024, 9, 2))
    assert (city.rule.code, city.due_on) == ("CF-2", D(2024, 9, 2))
    # in 2019 the penalty law set no period; the market rules did from 2019-04-01
    _case, food19 = _registered(b, b.food, b.food_item, on=D(2019, 6, 3))
    assert (food19.rule.code, food19.due_on) == ("CF-2b", D(2019, 9, 2))
    case19 = _registered_without_clock(b, on=D(2019, 6, 3))
    assert not clocks.for_subject(case19).exists()


def _registered_without_clock(b, on):
    case = svc.case_open(
        actor=b.clerk, body=b.body, field=b.field, item=b.item, source="complaint",
        party_kind="person", party_name="当事人乙", received_on=on,
    )  # fmt: skip
    return svc.register(actor=b.leader, case=case, on=on)


def test_appraisal_time_is_not_counted_and_the_extension_is_capped(b):
    case, clock = _registered(b, b.food, b.food_item)
    with pytest.raises(ValidationError) as exc:
        case_clocks.clock_pause(actor=b.officer_user, case=case, clock=clock, on=D(2024, 6, 10),
                                reason="补正")  # fmt: skip
    assert exc.value.messages == [
        "CF-2b 的规定中，只有这些事项的时间不计入期限：中止、听证、公告、检测、检验、检疫、鉴定。"
    ]
    case_clocks.clock_pause(
        actor=b.officer_user, case=case, clock=clock, on=D(2024, 6, 10), reason="鉴定"
    )
    clock = case_clocks.clock_resume(
        actor=b.officer_user, case=case, clock=clock, on=D(2024, 6, 19)
    )
    assert clock.due_on == D(2024, 9, 11)  # 6/10–6/19 not counted: ten days later
    with pytest.raises(PermissionDenied):
        case_clocks.clock_extend(actor=b.officer_user, case=case, clock=clock, by=30,
                                 approver="局长", reason="案情复杂")  # fmt: skip
    clock = case_clocks.clock_extend(
        actor=b.leader, case=case, clock=clock, by=30, approver="局长", reason="案情复杂"
    )
    assert clock.due_on == D(2024, 10, 11)
    events = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        case_clocks.clock_extend(
            actor=b.leader, case=case, clock=clock, by=1, approver="局长", reason="再延"
        )
    assert exc.value.messages == ["CF-2b 最多延长 30（已延长 30）。"]
    assert LedgerEvent.objects.count() == events


def test_the_penalty_law_clock_has_nothing_to_pause_or_extend(b):
    case, clock = _registered(b, b.field, b.item)
    with pytest.raises(ValidationError) as exc:
        case_clocks.clock_pause(
            actor=b.officer_user, case=case, clock=clock, on=D(2024, 6, 10), reason="鉴定"
        )
    assert exc.value.messages == ["CF-2 的规定没有不计入期限的事项，不能中止。"]
    other, _clock = _registered(b, b.food, b.food_item)
    with pytest.raises(ValidationError) as exc:
        case_clocks.clock_pause(
            actor=b.officer_user, case=other, clock=clock, on=D(2024, 6, 10), reason="鉴定"
        )
    assert exc.value.messages == ["该期限不属于本案。"]


def test_the_case_page_pauses_a_clock_and_a_stranger_cannot(b, client):
    case, clock = _registered(b, b.food, b.food_item)
    url = reverse("enforcement:case_act", args=[case.pk])
    data = {"op": "clock_pause", "clock": clock.pk, "on": "2024-06-10", "reason": "听证"}
    sign_in(client, user("street_x", org=b.d.street_a, role="officer"))
    assert client.post(url, data).status_code == 404
    sign_in(client, b.leader)
    page = client.get(reverse("enforcement:case", args=[case.pk])).content.decode()
    assert 'id="clock-actions"' in page
    resp = client.post(url, data, follow=True)
    assert "已办理。" in resp.content.decode()
    clock.refresh_from_db()
    assert clock.paused and clock.pauses.get().reason == "听证"


# ---------------------------------------------------------------- 音像记录 (全过程记录)


def test_a_recording_is_registered_with_hash_device_officer_and_time(b, client, settings, tmp_path):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..models import Recording

    settings.ATTACHMENT_ROOT = tmp_path
    case, _clock = _registered(b, b.field, b.item)
    svc.assign_officer(actor=b.leader, case=case, officer=b.officer1, lead=True)
    url = reverse("enforcement:case_act", args=[case.pk])
    video = b"\x00\x00\x00\x18ftypmp42 scene"
    sign_in(client, b.officer_user)
    form = {"op": "recording", "device": "DSJ-012", "officer": b.officer1.pk,
            "recorded_at": "2024-06-04T09:30", "place": "五一大道"}  # fmt: skip
    resp = client.post(url, {**form, "file": SimpleUploadedFile("scene.mp4", video)}, follow=True)
    assert "已办理。" in resp.content.decode()
    rec = Recording.objects.get()
    assert (rec.device, rec.officer, rec.place) == ("DSJ-012", b.officer1, "五一大道")
    assert rec.attachment.sha256 == hashlib.sha256(video).hexdigest()
    event = LedgerEvent.objects.filter(action="enf.recording").latest("seq")
    assert event.attachments == [rec.attachment.sha256]
    page = client.get(reverse("enforcement:case", args=[case.pk])).content.decode()
    assert f"SHA-256 {rec.attachment.sha256[:16]}" in page
    # an officer of another body, a time in the future: refused, nothing stored
    other = catalogue.officer_save(actor=SYSTEM, body=_other_body(b), name="外单位人员")
    with pytest.raises(ValidationError) as exc:
        svc.recording_add(
            actor=b.officer_user, case=case, officer=other, device="DSJ-1",
            recorded_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC), content=video,
            filename="x.mp4",
        )  # fmt: skip
    assert exc.value.messages == [
        "外单位人员 不是本案执法主体的执法人员。",
        "录制时间不能晚于现在。",
    ]
    assert Recording.objects.count() == 1


def _other_body(b):
    from fazhi.core.tests.factories import org

    return catalogue.body_save(
        actor=SYSTEM, org=org("测试区市场监督管理局", parent=b.d.gov), kind="department",
        fields=[b.food],
    )  # fmt: skip
