"""Audit rectification and the legacy-commitments ledger, step by step, with the bad input
each refused with its message and nothing changed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks
from fazhi.core.indicators import evaluate
from fazhi.core.models import LedgerEvent, OrgKind, Role
from fazhi.core.tests import factories as f
from fazhi.core.workflow import InvalidTransition

from ..models import AuditKind, Commitment, CommitmentStatus, RectificationStatus
from ..services import commitments, projects
from . import factories

D = dt.date


@pytest.fixture
def w(db):
    return factories.World()


def _events():
    return LedgerEvent.objects.count()


def test_a_project_cut_its_finding_rectified_and_closed_with_evidence(w):
    p = factories.project(w, actor=w.auditor)
    assert (p.number, p.cut_amount) == ("测试审计局审报〔2019〕1号", Decimal("1180000.00"))
    rect = factories.rectification(w, p, actor=w.auditor)
    assert (rect.number, rect.org, rect.status) == (
        "测试审计局审报〔2019〕1号-1",
        w.body,
        RectificationStatus.RECTIFYING,
    )
    c = clocks.for_subject(rect).get()
    # SJ-1, 90 calendar days from 6-10: 6-30 is day 20, 7-31 day 51, 8-31 day 82, Sun 9-08
    # day 90 → the next working day, Mon 9-09
    assert (c.rule.code, c.due_on) == ("SJ-1", D(2019, 9, 9))
    projects.evidence_add(
        actor=w.clerk,
        rectification=rect,
        description="预付款扣回凭证（记账凭证第0315号）",
        dated_on=D(2019, 7, 15),
    )
    rect = projects.rectification_submit(
        actor=w.clerk,
        rectification=rect,
        measures="已从第三期进度款中扣回预付工程款23.6万元",
        recovered_amount="236000.00",
        on=D(2019, 7, 16),
    )
    assert (rect.status, rect.submitted_on) == (RectificationStatus.SUBMITTED, D(2019, 7, 16))
    # the audit body confirms — as a participant, its 本部门 scope does not reach the body
    rect = projects.rectification_close(
        actor=w.auditor,
        rectification=rect,
        confirmation="经核查，已整改到位，同意销号。",
        on=D(2019, 7, 25),
    )
    assert (rect.status, rect.closed_on) == (RectificationStatus.CLOSED, D(2019, 7, 25))
    c.refresh_from_db()
    assert (c.stopped_on, c.stopped_on <= c.due_on) == (D(2019, 7, 25), True)


def test_a_finding_closed_without_evidence_or_confirmation_is_refused(w):
    rect = factories.rectification(w)
    n = _events()
    with pytest.raises(InvalidTransition) as exc:
        projects.rectification_submit(
            actor=w.clerk, rectification=rect, measures="已整改", on=D(2019, 7, 16)
        )
    assert exc.value.message == "请先登记整改佐证材料：没有佐证材料的问题不能报送或销号。"
    projects.evidence_add(
        actor=w.clerk, rectification=rect, description="整改报告", dated_on=D(2019, 7, 15)
    )
    rect = projects.rectification_submit(
        actor=w.clerk, rectification=rect, measures="已整改", on=D(2019, 7, 16)
    )
    n = _events()
    with pytest.raises(InvalidTransition) as exc:
        projects.rectification_close(
            actor=w.auditor, rectification=rect, confirmation=" ", on=D(2019, 7, 25)
        )
    assert exc.value.message == "销号须有审计机关的确认意见。"
    rect.refresh_from_db()
    assert (rect.status, rect.closed_on, _events()) == (RectificationStatus.SUBMITTED, None, n)
    # nor by the responsible body itself
    with pytest.raises(PermissionDenied) as exc:
        projects.rectification_close(
            actor=w.head, rectification=rect, confirmation="已整改", on=D(2019, 7, 25)
        )
    assert str(exc.value) == "只有审计机关可以确认销号。"


def test_the_commitment_stays_with_the_office_through_a_handover(w):
    com = factories.commitment(w, actor=w.clerk)
    assert com.number == "测试住建局旧账〔2019〕1号"
    commitments.commitment_progress(
        actor=w.clerk, commitment=com, text="与企业对账，确认欠款186万元", on=D(2019, 5, 6)
    )
    commitments.commitment_handover(
        actor=w.head, commitment=com, new_leader="张卫东", on=D(2019, 6, 3)
    )
    com.refresh_from_db()
    assert (com.org, com.leader) == (w.body, "张卫东")
    commitments.commitment_progress(
        actor=w.clerk,
        commitment=com,
        text="分两期付清尾款",
        on=D(2019, 8, 30),
        settled="1860000.00",
    )
    com = commitments.commitment_resolve(actor=w.clerk, commitment=com, on=D(2019, 8, 30))
    com = commitments.commitment_close(
        actor=w.supervisor, commitment=com, reason="尾款已全部支付，企业签字确认", on=D(2019, 9, 5)
    )
    assert (com.status, com.amount_settled, com.close_reason) == (
        CommitmentStatus.CLOSED,
        Decimal("1860000.00"),
        "尾款已全部支付，企业签字确认",
    )
    assert [e.kind for e in com.progress.all()] == ["progress", "handover", "progress"]


def test_a_commitment_is_never_deleted(w):
    com = factories.commitment(w)
    n = _events()
    for delete in (com.delete, Commitment.objects.filter(pk=com.pk).delete):
        with pytest.raises(ValidationError) as exc:
            delete()
        assert exc.value.messages == ["政府承诺事项不能删除，只能写明理由后销号。"]
    assert (Commitment.objects.filter(pk=com.pk).exists(), _events()) == (True, n)


def test_a_commitment_is_resolved_only_after_progress_and_closed_only_with_reasons(w):
    com = factories.commitment(w)
    with pytest.raises(InvalidTransition) as exc:
        commitments.commitment_resolve(actor=w.clerk, commitment=com, on=D(2019, 5, 6))
    assert exc.value.message == "请先登记化解进展，再认定已化解。"
    with pytest.raises(InvalidTransition) as exc:
        commitments.commitment_close(
            actor=w.supervisor, commitment=com, reason="", on=D(2019, 5, 6)
        )
    assert exc.value.message == "请填写理由。"


def test_a_counterparty_credit_code_that_fails_its_check_is_refused(w):
    with pytest.raises(ValidationError) as exc:
        factories.commitment(w, counterparty_credit_code="91430102MA4L16JX67")
    assert exc.value.messages[0].startswith("统一社会信用代码有误：")
    assert not Commitment.objects.exists()


def test_completed_projects_count_an_upper_audit_bodys_on_the_district(w):
    """全年完成审计项目268个 counts the district audit bureau's projects and the two the
    provincial audit department carried out on the district's leaders (配合省审计厅…)."""
    province = f.org("测试省审计厅", kind=OrgKind.BUREAU)  # outside the district's tree
    upper = f.user(org=province, role=Role.SUPERVISOR, scope="org")
    factories.project(w, actor=w.auditor)  # the district bureau's, on the housing bureau
    factories.project(
        w,
        actor=upper,
        org=province,
        name="测试区区委、区政府主要领导经济责任审计",
        kind=AuditKind.RESPONSIBILITY,
        audited=w.gov,
        audited_name="测试区人民政府",
        submitted_amount="0",
        approved_amount="0",
    )
    assert [evaluate("AUD-PROJECTS", year=2019, org=o).value for o in (w.gov, province)] == [2, 1]
    assert evaluate("AUD-PROJECTS", year=2019).value == 2
    # a body audited by the district's own bureau does not count that project as its own
    assert evaluate("AUD-PROJECTS", year=2019, org=w.body).value == 0
    assert evaluate("AUD-CUT", year=2019, org=w.gov).value == Decimal("1180000.00")
