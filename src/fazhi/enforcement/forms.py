"""Staff forms for cases (parsing only; the services validate and decide)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clocks
from fazhi.core.models import Clock
from fazhi.ui.forms import StyledForm

from .models import (
    ArrangementKind,
    DiscretionBand,
    EnforcementBody,
    EnforcementField,
    EnforcementItem,
    EvidenceKind,
    Officer,
    Outcome,
    PartyKind,
    Procedure,
    ReviewOpinion,
    Source,
)

DATE = forms.DateInput(attrs={"type": "date"})


class CaseForm(StyledForm):
    body = forms.ModelChoiceField(queryset=EnforcementBody.objects.none(), label=_("执法主体"))
    field = forms.ModelChoiceField(queryset=EnforcementField.objects.all(), label=_("执法领域"))
    item = forms.ModelChoiceField(
        queryset=EnforcementItem.objects.filter(is_active=True), label=_("执法事项"), required=False
    )
    source = forms.ChoiceField(label=_("案件来源"), choices=Source.choices)
    procedure = forms.ChoiceField(label=_("程序"), choices=Procedure.choices)
    received_on = forms.DateField(label=_("发现或收到日期"), widget=DATE)
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices)
    party_name = forms.CharField(label=_("当事人"), max_length=200)
    party_id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    party_credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    party_address = forms.CharField(label=_("住所"), max_length=300, required=False)
    party_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    facts = forms.CharField(label=_("线索或违法事实"), widget=forms.Textarea(attrs={"rows": 4}))
    source_ref = forms.CharField(label=_("来源编号（如热线工单号）"), max_length=60, required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class DateForm(StyledForm):
    on = forms.DateField(label=_("日期"), widget=DATE)


class AssignForm(StyledForm):
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label=_("执法人员"))
    lead = forms.BooleanField(label=_("主办"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(body=case.body, is_active=True)


class EvidenceForm(StyledForm):
    kind = forms.ChoiceField(label=_("证据种类"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("名称"), max_length=200)
    collected_on = forms.DateField(label=_("收集日期"), widget=DATE)
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label=_("收集人"))
    file = forms.FileField(label=_("附件"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(case_links__case=case)


class RecordingForm(StyledForm):
    device = forms.CharField(label=_("执法记录仪编号"), max_length=60)
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label=_("执法人员"))
    recorded_at = forms.DateTimeField(
        label=_("录制时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    file = forms.FileField(label=_("音像文件"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(case_links__case=case)


class ProposalForm(StyledForm):
    fine = forms.DecimalField(
        label=_("拟罚款（元）"), min_value=0, decimal_places=2, required=False
    )
    band = forms.ModelChoiceField(
        queryset=DiscretionBand.objects.none(), label=_("裁量档次"), required=False
    )
    warning = forms.BooleanField(label=_("警告"), required=False)
    needs_discussion = forms.BooleanField(label=_("情节复杂或重大违法，需集体讨论"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["band"].queryset = DiscretionBand.objects.filter(item=case.item_id)


class DecisionForm(ProposalForm):
    on = forms.DateField(label=_("决定日期"), widget=DATE)
    outcome = forms.ChoiceField(label=_("处理结果"), choices=Outcome.choices[:3])
    basis = forms.CharField(label=_("处罚依据"), widget=forms.Textarea(attrs={"rows": 2}))


class ServiceForm(StyledForm):
    on = forms.DateField(label=_("送达日期"), widget=DATE)
    method = forms.ChoiceField(
        label=_("送达方式"),
        choices=[
            ("直接送达", _("直接送达")),
            ("留置送达", _("留置送达")),
            ("邮寄送达", _("邮寄送达")),
            ("电子送达", _("电子送达（当事人同意）")),
            ("公告送达", _("公告送达")),
        ],
    )


class PaymentForm(StyledForm):
    on = forms.DateField(label=_("缴纳日期"), widget=DATE)
    amount = forms.DecimalField(label=_("金额（元）"), min_value=0, decimal_places=2)
    receipt = forms.CharField(label=_("缴款凭证号"), max_length=60, required=False)


class ReviewForm(StyledForm):
    on = forms.DateField(label=_("审核日期"), widget=DATE)
    opinion = forms.ChoiceField(label=_("审核意见"), choices=ReviewOpinion.choices)
    reasons = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DiscussionForm(StyledForm):
    held_on = forms.DateField(label=_("讨论日期"), widget=DATE)
    attendees = forms.CharField(label=_("参加人员"), max_length=300)
    conclusion = forms.CharField(label=_("讨论结论"), widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StyledForm):
    on = forms.DateField(label=_("日期"), widget=DATE)
    reason = forms.CharField(label=_("理由"), max_length=300)


class ArrangementForm(StyledForm):
    kind = forms.ChoiceField(label=_("方式"), choices=ArrangementKind.choices)
    applied_on = forms.DateField(label=_("申请日期"), widget=DATE)
    approved_on = forms.DateField(label=_("批准日期"), widget=DATE)
    reason = forms.CharField(label=_("经济困难情况"), max_length=500)
    schedule = forms.CharField(
        label=_("缴纳计划（每行：日期 金额）"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2019-07-31 500\n2019-08-31 500"}),
    )

    def clean_schedule(self):
        rows = []
        for n, line in enumerate(self.cleaned_data["schedule"].splitlines(), start=1):
            parts = line.replace("，", " ").replace(",", " ").split()
            if not parts:
                continue
            try:
                due, amount = dt.date.fromisoformat(parts[0]), Decimal(parts[1])
            except (ValueError, IndexError, InvalidOperation):
                raise forms.ValidationError(
                    _("第%(n)d行应为“日期 金额”，如 2019-07-31 500。") % {"n": n}
                ) from None
            rows.append((due, amount.quantize(Decimal("0.01"))))
        return rows


class CourtForm(StyledForm):
    reminded_on = forms.DateField(label=_("催告日期"), widget=DATE)
    applied_on = forms.DateField(label=_("申请日期"), widget=DATE, required=False)
    court = forms.CharField(label=_("法院"), max_length=100, required=False)


class _ClockForm(StyledForm):
    clock = forms.ModelChoiceField(queryset=None, label=_("期限"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Clock.objects.none()
        if case is not None:
            qs = clocks.for_subject(case).filter(stopped_on__isnull=True).select_related("rule")
        self.fields["clock"].queryset = qs
        self.fields["clock"].label_from_instance = lambda c: f"{c.label}（{c.rule.code}）"


class ClockPauseForm(_ClockForm):
    on = forms.DateField(label=_("中止日期"), widget=DATE)
    reason = forms.CharField(label=_("不计入期限的事项"), max_length=20)


class ClockResumeForm(_ClockForm):
    on = forms.DateField(label=_("恢复日期（含当日不计入）"), widget=DATE)


class ClockExtendForm(_ClockForm):
    by = forms.IntegerField(label=_("延长天数"), min_value=1)
    approver = forms.CharField(label=_("批准人"), max_length=50)
    reason = forms.CharField(label=_("延长理由"), max_length=200)
