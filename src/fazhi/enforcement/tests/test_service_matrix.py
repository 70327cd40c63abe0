"""Every enforcement write service × every role, inside and outside the owning organisation.

Inside the body's organisation each role has the demo's data scope: the 执法人员 (仅本人)
reaches the cases they handle or are assigned to, not every case of the bureau; the
supervisor (全部) may act from anywhere, and acts only where supervision needs it —
case-file evaluation, 督办 of overdue grid reports, the status of officers' certificates
(the justice bureau manages them for the issuing government), and the 数字城管 监督
functions (filing a problem found on inspection, verifying the handling unit's work, which
the handling unit's own staff never may).
"""

from __future__ import annotations

import datetime as dt
import pkgutil
from decimal import Decimal

import pytest

from fazhi.core.models import Role
from fazhi.core.tests.harness import Expect, ServiceMatrixTests

from .. import services as enforcement_services
from ..models import GridCategory
from ..services import (
    campaigns,
    case_clocks,
    cases,
    catalogue,
    decisions,
    evaluation,
    execution,
    grid,
    grid_flow,
    history,
    moves,
    officers,
    publicity,
    statistics,
)
from .matrixworld import EnforcementWorld

CLERK, OFFICER, REVIEWER, LEADER, SUPERVISOR, ADMIN = (
    Role.CLERK,
    Role.OFFICER,
    Role.REVIEWER,
    Role.LEADER,
    Role.SUPERVISOR,
    Role.ADMIN,
)
STAFF = (CLERK, OFFICER, LEADER)
D = dt.date
S = "fazhi.enforcement.services."


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


def _clue(w):
    return w.case("clue")


def _stage(stage, **kw):
    return lambda w: w.case(stage, **kw)


EXPECT = {
    # ---- cases: intake to the decision stage
    S + "cases:case_open": Expect.of(
        *STAFF,
        call=lambda w, a, s: cases.case_open(
            actor=a,
            body=w.body,
            field=w.city,
            item=w.item,
            source="patrol",
            party_kind="person",
            party_name="赵某某",
            received_on=D(2024, 5, 6),
        ),
    ),
    S + "cases:assign_officer": Expect.of(
        LEADER,
        OFFICER,
        setup=_clue,
        call=lambda w, a, s: cases.assign_officer(actor=a, case=s, officer=w.officer2),
    ),
    S + "cases:register": Expect.of(
        LEADER, setup=_clue, call=lambda w, a, s: cases.register(actor=a, case=s, on=D(2024, 3, 5))
    ),
    S + "cases:drop": Expect.of(
        LEADER,
        setup=_clue,
        call=lambda w, a, s: cases.drop(
            actor=a, case=s, reason="不属于本机关管辖", on=D(2024, 3, 5)
        ),
    ),
    S + "cases:evidence_add": Expect.of(
        OFFICER,
        LEADER,
        setup=_stage("registered"),
        call=lambda w, a, s: cases.evidence_add(
            actor=a,
            case=s,
            kind="audiovisual",
            title="现场照片",
            collected_on=D(2024, 3, 7),
            officer=w.officer,
        ),
    ),
    S + "cases:recording_add": Expect.of(
        OFFICER,
        LEADER,
        setup=_stage("registered"),
        call=lambda w, a, s: cases.recording_add(
            actor=a,
            case=s,
            officer=w.officer,
            device="DSJ-0107",
            recorded_at=dt.datetime(2024, 3, 6, 2, tzinfo=dt.UTC),
            content=b"\x00\x00\x00\x18ftypmp42",
            filename="现场执法记录.mp4",
        ),
    ),
    S + "cases:propose": Expect.of(
        OFFICER,
        setup=_stage("registered"),
        call=lambda w, a, s: cases.propose(
            actor=a, case=s, fine=Decimal(150), band=w.light, kinds=["fine"]
        ),
    ),
    # the table lets only the leader send a proposal back (the reviewer: a failed review)
    S + "cases:send_back": Expect.of(
        LEADER,
        setup=_stage("proposed"),
        call=lambda w, a, s: cases.send_back(actor=a, case=s, reason="证据不足，补充调查"),
    ),
    S + "cases:notify": Expect.of(
        LEADER,
        setup=_stage("proposed"),
        call=lambda w, a, s: cases.notify(actor=a, case=s, on=D(2024, 3, 8)),
    ),
    S + "cases:request_hearing": Expect.of(
        *STAFF,
        setup=_stage("notified"),
        call=lambda w, a, s: cases.request_hearing(actor=a, case=s, on=D(2024, 3, 11)),
    ),
    S + "cases:waive_statements": Expect.of(
        *STAFF,
        setup=_stage("notified"),
        call=lambda w, a, s: cases.waive_statements(actor=a, case=s, on=D(2024, 3, 11)),
    ),
    S + "cases:open_hearing": Expect.of(
        OFFICER,
        LEADER,
        setup=_stage("hearing_requested"),
        call=lambda w, a, s: cases.open_hearing(actor=a, case=s),
    ),
    S + "cases:record_hearing": Expect.of(
        OFFICER,
        LEADER,
        setup=_stage("hearing"),
        call=lambda w, a, s: cases.record_hearing(actor=a, case=s, held_on=D(2024, 3, 14)),
    ),
    S + "cases:submit_review": Expect.of(
        OFFICER,
        setup=_stage("notified", major=True),
        call=lambda w, a, s: cases.submit_review(actor=a, case=s, on=D(2024, 3, 18)),
    ),
    S + "cases:review_opinion": Expect.of(
        REVIEWER,
        setup=_stage("review", major=True),
        call=lambda w, a, s: cases.review_opinion(
            actor=a, case=s, opinion="pass", reasons="", on=D(2024, 3, 19)
        ),
    ),
    S + "cases:to_discussion": Expect.of(
        LEADER,
        setup=_stage("review_passed", major=True, discussion=True),
        call=lambda w, a, s: cases.to_discussion(actor=a, case=s),
    ),
    S + "cases:record_discussion": Expect.of(
        LEADER,
        setup=_stage("discussion", major=True, discussion=True),
        call=lambda w, a, s: cases.record_discussion(
            actor=a,
            case=s,
            held_on=D(2024, 3, 21),
            attendees="局长、分管副局长、法制科长",
            conclusion="同意罚款二万元",
        ),
    ),
    # ---- the decision and what follows
    S + "decisions:decide": Expect.of(
        LEADER,
        setup=_stage("notified"),
        call=lambda w, a, s: decisions.decide(
            actor=a,
            case=s,
            on=D(2024, 3, 18),
            outcome="penalty",
            basis="《城市市容和环境卫生管理条例》第三十六条",
            fine=Decimal(150),
            band=w.light,
            kinds=["fine"],
        ),
    ),
    S + "decisions:serve": Expect.of(
        OFFICER,
        CLERK,
        setup=_stage("decided"),
        call=lambda w, a, s: decisions.serve(actor=a, case=s, on=D(2024, 3, 19), method="直接送达"),
    ),
    S + "decisions:pay": Expect.of(
        *STAFF,
        setup=_stage("served"),
        call=lambda w, a, s: decisions.pay(actor=a, case=s, on=D(2024, 3, 25), amount=Decimal(150)),
    ),
    S + "decisions:execute": Expect.of(
        OFFICER,
        CLERK,
        setup=_stage("served"),
        call=lambda w, a, s: decisions.execute(actor=a, case=s),
    ),
    S + "decisions:court_apply": Expect.of(
        OFFICER,
        LEADER,
        setup=_stage("executing"),
        call=lambda w, a, s: decisions.court_apply(actor=a, case=s, reminded_on=D(2024, 4, 11)),
    ),
    S + "decisions:close": Expect.of(
        OFFICER,
        LEADER,
        setup=_stage("paid"),
        call=lambda w, a, s: decisions.close(actor=a, case=s, on=D(2024, 3, 26)),
    ),
    S + "decisions:archive": Expect.of(
        OFFICER,
        CLERK,
        setup=_stage("closed"),
        call=lambda w, a, s: decisions.archive(actor=a, case=s, on=D(2024, 3, 27)),
    ),
    S + "execution:arrangement_approve": Expect.of(
        LEADER,
        setup=_stage("served"),
        call=lambda w, a, s: execution.arrangement_approve(
            actor=a,
            case=s,
            kind="defer",
            applied_on=D(2024, 3, 20),
            approved_on=D(2024, 3, 21),
            reason="当事人因病住院，家庭经济困难",
            schedule=[(D(2024, 5, 31), Decimal(150))],
        ),
    ),
    S + "publicity:publish": Expect.of(
        *publicity.PUBLISHERS,
        setup=lambda w: w.decision(),
        call=lambda w, a, s: publicity.publish(actor=a, decision=s, on=D(2024, 3, 20)),
    ),
    S + "publicity:withdraw": Expect.of(
        *publicity.PUBLISHERS,
        setup=lambda w: w.publication(),
        call=lambda w, a, s: publicity.withdraw(
            actor=a, publication=s, on=D(2024, 4, 1), reason="决定被复议机关撤销"
        ),
    ),
    S + "moves:case_move": Expect.of(
        LEADER,
        setup=_clue,
        call=lambda w, a, s: moves.case_move(actor=a, case=s, to="registered", on=D(2024, 3, 5)),
    ),
    # ---- a case's clocks (CF-2b: appraisal time not counted, 30 days' extension)
    S + "case_clocks:clock_pause": Expect.of(
        OFFICER,
        LEADER,
        setup=lambda w: w.food_case(),
        call=lambda w, a, s: case_clocks.clock_pause(
            actor=a, case=s[0], clock=s[1], on=D(2024, 6, 10), reason="鉴定"
        ),
    ),
    S + "case_clocks:clock_resume": Expect.of(
        OFFICER,
        LEADER,
        setup=lambda w: w.food_case(paused=True),
        call=lambda w, a, s: case_clocks.clock_resume(
            actor=a, case=s[0], clock=s[1], on=D(2024, 6, 20)
        ),
    ),
    S + "case_clocks:clock_extend": Expect.of(
        LEADER,
        setup=lambda w: w.food_case(),
        call=lambda w, a, s: case_clocks.clock_extend(
            actor=a, case=s[0], clock=s[1], by=30, approver="局长", reason="需要检验检测"
        ),
    ),
    S + "history:case_import_closed": Expect.of(
        LEADER,
        ADMIN,
        call=lambda w, a, s: history.case_import_closed(
            actor=a,
            body=w.body,
            number="芙执案〔2018〕15号",
            field=w.city,
            source="patrol",
            procedure="general",
            party_kind="person",
            party_name="刘某某",
            received_on=D(2018, 5, 2),
            registered_on=D(2018, 5, 3),
            decision_number="芙执罚决〔2018〕12号",
            decided_on=D(2018, 6, 1),
            outcome="penalty",
            fine=Decimal(200),
            basis="《城市市容和环境卫生管理条例》第三十六条",
            closed_on=D(2018, 6, 20),
        ),
    ),
    # ---- the power list, officers and certificates: the body's leader or an administrator
    S + "catalogue:body_save": Expect.of(
        ADMIN,
        LEADER,
        call=lambda w, a, s: catalogue.body_save(
            actor=a, org=w.org, kind="centralised", public_phone="0731-84411234"
        ),
    ),
    S + "catalogue:major_rule_save": Expect.of(
        ADMIN,
        LEADER,
        call=lambda w, a, s: catalogue.major_rule_save(
            actor=a, name="吊销许可证件", body=w.body, licence_revocation=True
        ),
    ),
    S + "catalogue:field_save": Expect.of(
        ADMIN,
        outside=[ADMIN],
        call=lambda w, a, s: catalogue.field_save(actor=a, code="transport", name="交通运输"),
    ),
    S + "catalogue:item_save": Expect.of(
        ADMIN,
        LEADER,
        call=lambda w, a, s: catalogue.item_save(
            actor=a,
            body=w.body,
            code="CG-009",
            name="擅自设置户外广告",
            field=w.city,
            kind="penalty",
            legal_basis="《城市市容和环境卫生管理条例》第十一条",
        ),
    ),
    S + "catalogue:band_save": Expect.of(
        ADMIN,
        LEADER,
        call=lambda w, a, s: catalogue.band_save(
            actor=a, item=w.item, code="C", facts="造成严重影响", fine_min=1000, fine_max=5000
        ),
    ),
    S + "catalogue:officer_save": Expect.of(
        ADMIN,
        LEADER,
        call=lambda w, a, s: catalogue.officer_save(actor=a, body=w.body, name="执法人员丁"),
    ),
    S + "catalogue:certificate_issue": Expect.of(
        ADMIN,
        LEADER,
        call=lambda w, a, s: catalogue.certificate_issue(
            actor=a,
            officer=w.officer2,
            number="湘执M2002",
            fields=[w.city],
            issuer="长沙市人民政府",
            valid_from=D(2024, 1, 1),
            valid_to=D(2029, 12, 31),
        ),
    ),
    S + "catalogue:power_list_row_save": Expect.of(
        ADMIN,
        LEADER,
        call=lambda w, a, s: catalogue.power_list_row_save(
            actor=a,
            body=w.body,
            code="CG-010",
            name="擅自挖掘城市道路",
            field=w.city,
            kind="penalty",
            legal_basis="《城市道路管理条例》第四十二条",
            band_code="A",
            band_facts="及时恢复原状",
            fine_min=0,
            fine_max=2000,
        ),
    ),
    S + "officers:certificate_set_status": Expect.of(
        *officers.STATUS_ROLES,
        setup=lambda w: w.officer2.certificates.get(),
        call=lambda w, a, s: officers.certificate_set_status(
            actor=a, certificate=s, to="suspended", reason="涉嫌违纪，暂扣执法证"
        ),
    ),
    S + "officers:officer_deactivate": Expect.of(
        *officers.MAINTAIN_ROLES,
        setup=lambda w: w.spare_officer(),
        call=lambda w, a, s: officers.officer_deactivate(actor=a, officer=s, reason="调离执法岗位"),
    ),
    S + "officers:officer_reactivate": Expect.of(
        *officers.MAINTAIN_ROLES,
        setup=lambda w: w.spare_officer(active=False),
        call=lambda w, a, s: officers.officer_reactivate(actor=a, officer=s, reason="重新上岗"),
    ),
    # ---- campaigns, inspections, sampling
    S + "campaigns:campaign_create": Expect.of(
        LEADER,
        call=lambda w, a, s: campaigns.campaign_create(
            actor=a,
            name="夜市摊点专项整治",
            kind="rectification",
            field=w.city,
            lead=w.body,
            starts_on=D(2024, 7, 1),
            ends_on=D(2024, 9, 30),
        ),
    ),
    S + "campaigns:campaign_update": Expect.of(
        LEADER,
        setup=lambda w: w.campaign(),
        call=lambda w, a, s: campaigns.campaign_update(actor=a, campaign=s, description="扩大范围"),
    ),
    S + "campaigns:operation_create": Expect.of(
        *STAFF,
        setup=lambda w: w.campaign(),
        call=lambda w, a, s: campaigns.operation_create(
            actor=a, campaign=s, on=D(2024, 4, 15), person_times=24, place="五一大道"
        ),
    ),
    S + "campaigns:inspection_create": Expect.of(
        *STAFF,
        call=lambda w, a, s: campaigns.inspection_create(
            actor=a,
            body=w.body,
            unit_name="长沙市芙蓉区某某超市",
            inspected_on=D(2024, 4, 3),
            result="clean",
        ),
    ),
    S + "campaigns:sampling_create": Expect.of(
        *STAFF,
        call=lambda w, a, s: campaigns.sampling_create(
            actor=a,
            body=w.body,
            product="散装大米",
            unit_name="长沙市芙蓉区某某粮油店",
            sampled_on=D(2024, 4, 3),
            result="pass",
        ),
    ),
    S + "campaigns:link_case": Expect.of(
        *STAFF,
        setup=lambda w: (w.inspection(), w.case("clue")),
        call=lambda w, a, s: campaigns.link_case(actor=a, record=s[0], case=s[1]),
    ),
    # ---- case-file evaluation: the supervisors of the organising unit (and its reviewers score)
    S + "evaluation:round_create": Expect.of(
        SUPERVISOR,
        call=lambda w, a, s: evaluation.round_create(
            actor=a, org=w.org, name="2024年度案卷评查（第二轮）", year=2024
        ),
    ),
    S + "evaluation:round_draw": Expect.of(
        SUPERVISOR,
        setup=lambda w: w.round(),
        call=lambda w, a, s: evaluation.round_draw(actor=a, round=s),
    ),
    S + "evaluation:sheet_score": Expect.of(
        *evaluation.EVALUATORS,
        setup=lambda w: w.sheet(),
        call=lambda w, a, s: evaluation.sheet_score(
            actor=a,
            sheet=s,
            deductions=[{"dimension": "evidence", "points": "2", "reason": "照片未注明拍摄时间"}],
        ),
    ),
    S + "evaluation:round_rectify": Expect.of(
        SUPERVISOR,
        setup=lambda w: w.round("scored"),
        call=lambda w, a, s: evaluation.round_rectify(actor=a, round=s),
    ),
    S + "evaluation:round_finish": Expect.of(
        SUPERVISOR,
        setup=lambda w: w.round("scored"),
        call=lambda w, a, s: evaluation.round_finish(actor=a, round=s),
    ),
    # ---- annual statistics
    S + "statistics:statistics_prepare": Expect.of(
        LEADER,
        ADMIN,
        call=lambda w, a, s: statistics.statistics_prepare(
            actor=a, body=w.body, year=2025, on=D(2026, 1, 6)
        ),
    ),
    S + "statistics:statistics_publish": Expect.of(
        LEADER,
        ADMIN,
        setup=lambda w: w.stats(),
        call=lambda w, a, s: statistics.statistics_publish(actor=a, stats=s, on=D(2026, 1, 20)),
    ),
    # ---- 数字城管
    S + "grid:category_save": Expect.of(
        ADMIN,
        outside=[ADMIN],
        call=lambda w, a, s: grid.category_save(
            actor=a,
            code="SJ9901",
            kind="event",
            major="市容环境",
            name="乱贴小广告",
            rule_code="CG-2",
        ),
    ),
    S + "grid:categories_load": Expect.of(
        ADMIN, outside=[ADMIN], call=lambda w, a, s: grid.categories_load(actor=a)
    ),
    S + "grid:cell_save": Expect.of(
        ADMIN,
        LEADER,
        setup=lambda w: w.cell(),
        call=lambda w, a, s: grid.cell_save(
            actor=a, code="M-430102-02", name="乙网格", level="street", org=w.org, parent=s.parent
        ),
    ),
    # the supervisor files what supervision finds (the 数字城管 监督员's act)
    S + "grid:report_file": Expect.of(
        *STAFF,
        SUPERVISOR,
        setup=lambda w: w.cell(),
        call=lambda w, a, s: grid.report_file(
            actor=a,
            cell=s,
            category=GridCategory.objects.get(code="SJ0102"),
            location="解放西路口",
            description="垃圾满溢",
            received_on=D(2024, 6, 5),
        ),
    ),
    S + "grid:report_supervise": Expect.of(
        SUPERVISOR,
        setup=lambda w: w.report("dispatched"),
        call=lambda w, a, s: grid.report_supervise(actor=a, report=s),
    ),
    S + "grid:supervise_overdue": Expect.of(
        SUPERVISOR,
        setup=lambda w: w.report("dispatched"),
        call=lambda w, a, s: grid.supervise_overdue(actor=a),
    ),
    S + "grid_flow:report_dispatch": Expect.of(
        CLERK,
        LEADER,
        setup=lambda w: w.report(),
        call=lambda w, a, s: grid_flow.report_dispatch(actor=a, report=s, on=D(2024, 6, 3)),
    ),
    S + "grid_flow:report_send_back": Expect.of(
        CLERK,
        LEADER,
        setup=lambda w: w.report("dispatched"),
        call=lambda w, a, s: grid_flow.report_send_back(
            actor=a, report=s, reason="井盖属自来水公司管养", on=D(2024, 6, 4)
        ),
    ),
    # the 执法人员's 仅本人 scope does not reach a report nobody assigned to them
    S + "grid_flow:report_handle": Expect.of(
        CLERK,
        LEADER,
        setup=lambda w: w.report("dispatched"),
        call=lambda w, a, s: grid_flow.report_handle(
            actor=a, report=s, result="已清运", on=D(2024, 6, 4)
        ),
    ),
    # never the handling unit's own staff: a supervisor from outside verifies
    S + "grid_flow:report_verify": Expect.of(
        outside=[SUPERVISOR],
        setup=lambda w: w.report("handled"),
        call=lambda w, a, s: grid_flow.report_verify(
            actor=a, report=s, passed=True, on=D(2024, 6, 5)
        ),
    ),
    S + "grid_flow:report_invalidate": Expect.of(
        LEADER,
        setup=lambda w: w.report(),
        call=lambda w, a, s: grid_flow.report_invalidate(actor=a, report=s, reason="重复上报"),
    ),
    S + "grid_flow:report_move": Expect.of(
        CLERK,
        LEADER,
        setup=lambda w: w.report(),
        call=lambda w, a, s: grid_flow.report_move(
            actor=a, report=s, to="dispatched", on=D(2024, 6, 3)
        ),
    ),
}


class TestEnforcementServiceMatrix(ServiceMatrixTests):
    MODULES = tuple(
        f"fazhi.enforcement.services.{m.name}"
        for m in pkgutil.iter_modules(enforcement_services.__path__)
    )
    EXPECT = EXPECT

    def world(self) -> EnforcementWorld:
        return EnforcementWorld.create()
