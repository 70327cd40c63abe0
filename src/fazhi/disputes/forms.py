"""Staff forms of the disputes pages (parsing only; the services validate and decide)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Organisation
from fazhi.ui.forms import StyledForm

from .models import (
    ActKind,
    AgreementForm,
    Category,
    Channel,
    Committee,
    DecisionType,
    DisputeSource,
    DivertRoute,
    FailureRoute,
    LetterKind,
    Mediator,
    Outcome,
    PartyKind,
    PetitionCategory,
    PetitionChannel,
    PetitionSource,
    Procedure,
    ReplyOutcome,
    RespondentKind,
    Ruling,
    Team,
    TerminationGround,
)
from .rules import SIMPLIFIED_GROUNDS

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})


def _orgs(field: forms.Field, qs) -> None:
    field.queryset = qs
    field.label_from_instance = lambda o: o.label


class DateForm(StyledForm):
    on = forms.DateField(label=_("日期"), widget=DATE)


class ReasonForm(DateForm):
    reason = forms.CharField(label=_("理由"), max_length=300)


# -- 行政复议 -----------------------------------------------------------------------------------


class ReceiveForm(StyledForm):
    channel = forms.ChoiceField(label=_("申请方式"), choices=Channel.choices)
    received_on = forms.DateField(label=_("收到申请日期"), widget=DATE)
    applicant_kind = forms.ChoiceField(label=_("申请人类型"), choices=PartyKind.choices)
    applicant_name = forms.CharField(label=_("申请人"), max_length=200)
    applicant_id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    applicant_credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, required=False
    )
    applicant_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    applicant_address = forms.CharField(label=_("住址"), max_length=300, required=False)
    respondent = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("被申请人"))
    act_kind = forms.ChoiceField(label=_("行政行为类别"), choices=ActKind.choices)
    act_number = forms.CharField(label=_("行政行为文号"), max_length=80, required=False)
    act_description = forms.CharField(label=_("被申请复议的行政行为"), widget=TEXT)
    act_known_on = forms.DateField(label=_("知道该行政行为之日"), widget=DATE)
    request = forms.CharField(label=_("复议请求"), widget=TEXT, required=False)

    def __init__(self, *args, respondents, **kwargs):
        super().__init__(*args, **kwargs)
        _orgs(self.fields["respondent"], respondents)


class CorrectionForm(DateForm):
    items = forms.CharField(label=_("需要补正的材料"), widget=TEXT)
    due_on = forms.DateField(
        label=_("补正期限（通知书载明）"),
        widget=DATE,
        required=False,
        help_text=_("2017年行政复议法实施条例下由通知书载明；2024年起为十个工作日。"),
    )


class AcceptForm(DateForm):
    procedure = forms.ChoiceField(label=_("审理程序"), choices=Procedure.choices)
    simplified_ground = forms.ChoiceField(
        label=_("适用简易程序的情形"),
        choices=[("", "—"), *SIMPLIFIED_GROUNDS.items()],
        required=False,
    )


class SwitchForm(DateForm):
    approver = forms.CharField(label=_("批准人"), max_length=100)
    reason = forms.CharField(label=_("理由"), max_length=300)


class AnswerForm(DateForm):
    evidence = forms.CharField(label=_("答复书和提交的证据、依据"), widget=TEXT)


class HearingForm(StyledForm):
    notified_on = forms.DateField(label=_("通知日期"), widget=DATE)
    held_on = forms.DateField(label=_("听证日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=200)
    attendees = forms.CharField(label=_("参加人员"), max_length=300)
    summary = forms.CharField(label=_("听证情况"), widget=TEXT, required=False)


class SuspendForm(DateForm):
    ground = forms.CharField(label=_("中止事由"), max_length=200)


class ExtendForm(DateForm):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=30, initial=30)
    approver = forms.CharField(label=_("批准人"), max_length=100)
    reason = forms.CharField(label=_("理由"), max_length=300)


class DecideForm(DateForm):
    decision_type = forms.ChoiceField(label=_("决定类型"), choices=DecisionType.choices)
    summary = forms.CharField(label=_("决定要点"), widget=TEXT)
    approved_by = forms.CharField(label=_("批准的复议机关负责人"), max_length=100)


class TerminateForm(DateForm):
    ground = forms.ChoiceField(label=_("终止情形"), choices=TerminationGround.choices)
    reason = forms.CharField(label=_("说明"), max_length=300, required=False)


class LetterForm(DateForm):
    kind = forms.ChoiceField(label=_("类别"), choices=LetterKind.choices)
    to_org = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("主送单位"))
    content = forms.CharField(label=_("主要内容"), widget=TEXT)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        _orgs(self.fields["to_org"], orgs)


class LetterReportForm(DateForm):
    result = forms.CharField(label=_("整改落实情况"), widget=TEXT)


class IncidentalForm(DateForm):
    document_title = forms.CharField(label=_("规范性文件名称"), max_length=300)
    document_number = forms.CharField(label=_("文号"), max_length=80, required=False)
    issuer = forms.CharField(label=_("制定机关"), max_length=200)
    competent = forms.BooleanField(label=_("本机关有权处理"), required=False, initial=True)


class IncidentalDoneForm(DateForm):
    conclusion = forms.CharField(label=_("处理结论"), max_length=300, required=False)
    forwarded_to = forms.CharField(label=_("转送机关"), max_length=200, required=False)


# -- 行政应诉 -----------------------------------------------------------------------------------


class LawsuitForm(StyledForm):
    org = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("承办单位"))
    kind = forms.ChoiceField(label=_("类别"), choices=RespondentKind.choices)
    respondent = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("被告或被申请人")
    )
    received_on = forms.DateField(label=_("收到副本日期"), widget=DATE)
    counterpart_kind = forms.ChoiceField(label=_("原告类型"), choices=PartyKind.choices)
    counterpart_name = forms.CharField(label=_("原告或申请人"), max_length=200)
    counterpart_id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    counterpart_credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, required=False
    )
    forum = forms.CharField(label=_("受理法院或复议机关"), max_length=100)
    forum_number = forms.CharField(label=_("案号"), max_length=80, required=False)
    cause = forms.CharField(label=_("案由"), max_length=200)
    act_number = forms.CharField(label=_("被诉行政行为文号"), max_length=80, required=False)

    def __init__(self, *args, orgs, respondents, **kwargs):
        super().__init__(*args, **kwargs)
        _orgs(self.fields["org"], orgs)
        _orgs(self.fields["respondent"], respondents)


class LawsuitAnswerForm(DateForm):
    evidence_list = forms.CharField(label=_("答辩状、证据和所依据的规范性文件"), widget=TEXT)
    late_reason = forms.CharField(
        label=_("逾期原因（逾期提交时填写）"), max_length=300, required=False
    )


class CourtHearingForm(StyledForm):
    held_on = forms.DateField(label=_("开庭日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    appeared = forms.CharField(label=_("出庭人员"), max_length=300)
    head_appeared = forms.BooleanField(label=_("负责人出庭"), required=False)
    head_name = forms.CharField(label=_("出庭负责人"), max_length=100, required=False)


class JudgmentForm(DateForm):
    ruling = forms.ChoiceField(label=_("裁判形式"), choices=Ruling.choices)
    outcome = forms.ChoiceField(label=_("裁判结果"), choices=Outcome.choices)
    served_on = forms.DateField(label=_("裁判送达日期"), widget=DATE)


class AppealForm(DateForm):
    by_us = forms.BooleanField(label=_("本机关上诉"), required=False)


class FinalForm(DateForm):
    outcome = forms.ChoiceField(
        label=_("二审裁判结果"), choices=[("", "—"), *Outcome.choices], required=False
    )


class PerformForm(DateForm):
    performance = forms.CharField(label=_("履行情况"), max_length=300)


# -- 人民调解 -----------------------------------------------------------------------------------


class DisputeForm(StyledForm):
    committee = forms.ModelChoiceField(queryset=Committee.objects.none(), label=_("调解组织"))
    received_on = forms.DateField(label=_("受理日期"), widget=DATE)
    category = forms.ChoiceField(label=_("纠纷类型"), choices=Category.choices)
    source = forms.ChoiceField(label=_("来源"), choices=DisputeSource.choices)
    street = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("发生地（街道）"), required=False
    )
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    facts = forms.CharField(label=_("纠纷简要情况"), widget=TEXT)
    amount_claimed = forms.DecimalField(
        label=_("涉及金额（元）"), max_digits=14, decimal_places=2, required=False
    )
    applicant_name = forms.CharField(label=_("申请方当事人"), max_length=200)
    applicant_id_number = forms.CharField(
        label=_("申请方身份证号码"), max_length=18, required=False
    )
    applicant_phone = forms.CharField(label=_("申请方联系电话"), max_length=30, required=False)
    respondent_name = forms.CharField(label=_("被申请方当事人"), max_length=200)
    respondent_id_number = forms.CharField(
        label=_("被申请方身份证号码"), max_length=18, required=False
    )
    respondent_phone = forms.CharField(label=_("被申请方联系电话"), max_length=30, required=False)
    is_major = forms.BooleanField(label=_("重大疑难复杂"), required=False)
    major_reason = forms.CharField(label=_("认定理由"), max_length=200, required=False)

    def __init__(self, *args, committees, streets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        _orgs(self.fields["street"], streets)

    def parties(self) -> list[dict]:
        d = self.cleaned_data
        return [
            dict(side=side, kind="person", name=d[f"{side}_name"],
                 id_number=d[f"{side}_id_number"], phone=d[f"{side}_phone"])
            for side in ("applicant", "respondent")
        ]  # fmt: skip


class SessionForm(StyledForm):
    held_on = forms.DateField(label=_("调解日期"), widget=DATE)
    mediator = forms.ModelChoiceField(queryset=Mediator.objects.none(), label=_("调解员"))
    summary = forms.CharField(label=_("调解情况"), max_length=300)

    def __init__(self, *args, dispute, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = Mediator.objects.filter(
            committee=dispute.committee, is_active=True
        )


class EscalateForm(DateForm):
    to = forms.ModelChoiceField(queryset=Committee.objects.none(), label=_("上报至"))
    reason = forms.CharField(label=_("上报理由"), max_length=200)

    def __init__(self, *args, dispute, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = Committee.objects.filter(
            is_active=True, level__in=["street", "district"]
        ).exclude(pk=dispute.committee_id)


class AgreementEntryForm(StyledForm):
    form = forms.ChoiceField(label=_("形式"), choices=AgreementForm.choices)
    signed_on = forms.DateField(label=_("达成日期"), widget=DATE)
    amount = forms.DecimalField(
        label=_("协议金额（元）"), max_digits=14, decimal_places=2, required=False
    )
    terms = forms.CharField(label=_("协议内容"), widget=TEXT)
    schedule = forms.CharField(
        label=_("履行计划（每行：日期 金额）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, dispute, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(dispute.parties.all())
        for p in self.people:
            self.fields[f"sign_{p.pk}"] = forms.DateField(
                label=_("%(n)s签名日期") % {"n": p.name},
                widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
                required=False,
            )

    def signatures(self) -> dict[int, dt.date]:
        return {
            p.pk: self.cleaned_data[f"sign_{p.pk}"]
            for p in self.people
            if self.cleaned_data.get(f"sign_{p.pk}")
        }

    def clean_schedule(self) -> list[dict]:
        out = []
        for line in (self.cleaned_data.get("schedule") or "").splitlines():
            if not line.strip():
                continue
            try:
                day, amount = line.split()
                out.append({"due": dt.date.fromisoformat(day), "amount": Decimal(amount)})
            except (ValueError, InvalidOperation):
                raise ValidationError(
                    _("履行计划每行应为“日期 金额”，如 2019-03-01 3000：%(l)s") % {"l": line}
                ) from None
        return out


class PerformanceForm(DateForm):
    amount = forms.DecimalField(
        label=_("履行金额（元）"), max_digits=14, decimal_places=2, required=False
    )
    note = forms.CharField(label=_("履行情况"), max_length=300)
    complete = forms.BooleanField(label=_("已全部履行"), required=False)


class ConfirmationForm(DateForm):
    court = forms.CharField(label=_("确认法院"), max_length=100)


class FailForm(ReasonForm):
    route = forms.ChoiceField(label=_("建议途径"), choices=FailureRoute.choices)


# -- 信访 ---------------------------------------------------------------------------------------


class PetitionForm(StyledForm):
    received_on = forms.DateField(label=_("登记日期"), widget=DATE)
    channel = forms.ChoiceField(label=_("信访形式"), choices=PetitionChannel.choices)
    category = forms.ChoiceField(label=_("类别"), choices=PetitionCategory.choices)
    source = forms.ChoiceField(label=_("来源"), choices=PetitionSource.choices)
    name = forms.CharField(label=_("信访人"), max_length=100)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    address = forms.CharField(label=_("住址"), max_length=300, required=False)
    person_count = forms.IntegerField(label=_("人数"), min_value=1, initial=1)
    content = forms.CharField(label=_("信访事由"), widget=TEXT)
    street = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("问题发生地（街道）"), required=False
    )

    def __init__(self, *args, streets, **kwargs):
        super().__init__(*args, **kwargs)
        _orgs(self.fields["street"], streets)


class AssignForm(DateForm):
    handler_org = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("承办单位"))

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        _orgs(self.fields["handler_org"], orgs)


class TransferForm(DateForm):
    to = forms.CharField(label=_("转送机关"), max_length=200)


class DivertForm(ReasonForm):
    route = forms.ChoiceField(label=_("导入途径"), choices=DivertRoute.choices)
    act_known_on = forms.DateField(label=_("知道该行政行为之日"), widget=DATE, required=False)


class ReplyForm(DateForm):
    outcome = forms.ChoiceField(label=_("处理结果"), choices=ReplyOutcome.choices)
    served_on = forms.DateField(label=_("意见书送达日期"), widget=DATE, required=False)


class CloseForm(DateForm):
    satisfied = forms.BooleanField(label=_("信访人书面表示满意"), required=False)


class BatchForm(StyledForm):
    team = forms.ChoiceField(label=_("交办单位"), choices=Team.choices)
    batch_no = forms.IntegerField(label=_("批次"), min_value=1)
    received_on = forms.DateField(label=_("交办日期"), widget=DATE)
    due_on = forms.DateField(label=_("要求办结日期"), widget=DATE)
    letter_number = forms.CharField(label=_("交办函文号"), max_length=80, required=False)
    items = forms.CharField(
        label=_("交办件（每行：承办单位简称｜信访人｜身份证号码｜反映问题）"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {o.label: o for o in units}

    def clean_items(self) -> list[dict]:
        out = []
        for n, line in enumerate((self.cleaned_data.get("items") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
            if len(parts) != 4:
                raise ValidationError(_("第%(n)d行应有4项，用“｜”分隔。") % {"n": n})
            unit = self.units.get(parts[0])
            if unit is None:
                raise ValidationError(
                    _("第%(n)d行：没有名为“%(u)s”的单位。") % {"n": n, "u": parts[0]}
                )
            out.append(dict(unit=unit, petitioner_name=parts[1], petitioner_id_number=parts[2],
                            content=parts[3]))  # fmt: skip
        return out


class ResultForm(DateForm):
    result = forms.CharField(label=_("办理结果"), widget=TEXT)


class MeasuresForm(DateForm):
    measures = forms.CharField(label=_("化解措施和结果"), widget=TEXT)


class BacklogForm(StyledForm):
    org = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("责任单位"))
    title = forms.CharField(label=_("积案名称"), max_length=300)
    leader_name = forms.CharField(label=_("包案领导"), max_length=50)
    leader_post = forms.CharField(label=_("职务"), max_length=50)
    history = forms.CharField(label=_("问题由来"), widget=TEXT)
    persons = forms.CharField(
        label=_("信访人（每行：姓名｜身份证号码）"), widget=forms.Textarea(attrs={"rows": 2})
    )
    listed_on = forms.DateField(label=_("列入日期"), widget=DATE)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        _orgs(self.fields["org"], orgs)

    def clean_persons(self) -> list[dict]:
        out = []
        for line in (self.cleaned_data.get("persons") or "").splitlines():
            if line.strip():
                name, _sep, number = line.replace("|", "｜").partition("｜")
                out.append(dict(name=name.strip(), id_number=number.strip()))
        return out
