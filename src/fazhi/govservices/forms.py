"""Staff and public forms (parsing only; the services validate and decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.ui.forms import StyledForm

from .models import (
    ApplicantKind,
    Channel,
    CheckResult,
    CutMethod,
    DisputeOutcome,
    ImplementationEntry,
    ItemMaterial,
    Outcome,
    ProofStatus,
    Score,
    StepKind,
    Window,
)

DATE = forms.DateInput(attrs={"type": "date"})
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _now_local():
    from django.utils import timezone

    return timezone.localtime(clock.now()).replace(second=0, microsecond=0, tzinfo=None)


class ApplicantForm(StyledForm):
    applicant_kind = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label=_("申请人"), max_length=200)
    applicant_id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    applicant_credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, required=False
    )
    applicant_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    applicant_address = forms.CharField(label=_("地址"), max_length=300, required=False)
    agent_name = forms.CharField(label=_("委托代理人"), max_length=50, required=False)
    agent_id_number = forms.CharField(label=_("代理人身份证号码"), max_length=18, required=False)
    agent_phone = forms.CharField(label=_("代理人电话"), max_length=30, required=False)
    power_of_attorney = forms.FileField(label=_("授权委托书"), required=False)


class ReceiveForm(ApplicantForm):
    channel = forms.ChoiceField(label=_("申请方式"), choices=Channel.choices)
    window = forms.ModelChoiceField(
        queryset=Window.objects.none(), label=_("收件窗口"), required=False
    )
    at = forms.DateTimeField(label=_("收件时间"), widget=MOMENT, input_formats=["%Y-%m-%dT%H:%M"])
    received = forms.ModelMultipleChoiceField(
        queryset=ItemMaterial.objects.none(),
        label=_("已收材料"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["channel", "window", "at", "received"]

    def __init__(self, *args, entry: ImplementationEntry, windows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = windows
        self.fields["received"].queryset = entry.item.materials.filter(cut=False).order_by(
            "sort_order"
        )
        self.fields["received"].widget.attrs = {"class": "form-check-input"}
        self.initial.setdefault("at", _now_local())
        self.initial.setdefault("channel", Channel.WINDOW)
        if entry.window_id:
            self.initial.setdefault("window", entry.window_id)


class PackageApplyForm(ApplicantForm):
    channel = forms.ChoiceField(label=_("申请方式"), choices=Channel.choices)
    at = forms.DateTimeField(label=_("申请时间"), widget=MOMENT, input_formats=["%Y-%m-%dT%H:%M"])
    received = forms.MultipleChoiceField(
        label=_("已收材料"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, materials: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received"].choices = [(m, m) for m in materials]
        self.fields["received"].widget.attrs = {"class": "form-check-input"}
        self.initial.setdefault("at", _now_local())


class DateForm(StyledForm):
    on = forms.DateField(label=_("日期"), widget=DATE)


class MomentForm(StyledForm):
    at = forms.DateTimeField(label=_("时间"), widget=MOMENT, input_formats=["%Y-%m-%dT%H:%M"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("at", _now_local())


class ReasonForm(StyledForm):
    on = forms.DateField(label=_("日期"), widget=DATE)
    reason = forms.CharField(label=_("理由"), max_length=500)


class MaterialsForm(StyledForm):
    on = forms.DateField(label=_("补正日期"), widget=DATE)
    materials = forms.ModelMultipleChoiceField(
        queryset=ItemMaterial.objects.none(),
        label=_("收到材料"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, app, **kwargs):
        super().__init__(*args, **kwargs)
        missing = app.materials.filter(received_on__isnull=True).values("material_id")
        self.fields["materials"].queryset = ItemMaterial.objects.filter(pk__in=missing)
        self.fields["materials"].widget.attrs = {"class": "form-check-input"}


class StepForm(StyledForm):
    kind = forms.ChoiceField(label=_("审查环节"), choices=StepKind.choices)
    on = forms.DateField(label=_("开始日期"), widget=DATE)
    days_needed = forms.IntegerField(
        label=_("所需天数（不计入期限的环节）"), min_value=0, required=False
    )
    note = forms.CharField(label=_("情况"), max_length=500, required=False)


class StepEndForm(StyledForm):
    on = forms.DateField(label=_("结束日期"), widget=DATE)


class ExtendForm(StyledForm):
    on = forms.DateField(label=_("批准日期"), widget=DATE)
    by = forms.IntegerField(label=_("延长工作日"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("延长理由（告知申请人）"), max_length=300)


class DecideForm(StyledForm):
    on = forms.DateField(label=_("决定日期"), widget=DATE)
    outcome = forms.ChoiceField(label=_("决定"), choices=Outcome.choices)
    reasons = forms.CharField(label=_("理由（不予许可的必填）"), max_length=1000, required=False)
    late_reason = forms.CharField(
        label=_("超期原因（延长后仍超期的）"), max_length=300, required=False
    )


class CloseForm(MomentForm):
    certificate_number = forms.CharField(label=_("证照编号"), max_length=60, required=False)


class CheckForm(StyledForm):
    on = forms.DateField(label=_("核查日期"), widget=DATE)
    result = forms.ChoiceField(label=_("核查结果"), choices=CheckResult.choices)
    note = forms.CharField(label=_("核查情况"), max_length=500)


class DeviceRatingForm(StyledForm):
    score = forms.TypedChoiceField(label=_("评价"), choices=Score.choices, coerce=int)
    rater_code = forms.CharField(label=_("评价人证件号码"), max_length=18)
    comment = forms.CharField(label=_("评价内容"), max_length=500, required=False)


class ReplyForm(StyledForm):
    on = forms.DateField(label=_("回复日期"), widget=DATE)
    measures = forms.CharField(label=_("整改措施"), widget=forms.Textarea(attrs={"rows": 3}))
    reply = forms.CharField(label=_("回复申请人"), widget=forms.Textarea(attrs={"rows": 3}))


# -- public ----------------------------------------------------------------------------------


class LookupForm(StyledForm):
    number = forms.CharField(label=_("办件编号"), max_length=40)
    code = forms.CharField(label=_("查询码"), max_length=8)


class PublicRatingForm(LookupForm):
    rater_code = forms.CharField(label=_("申请人身份证号码或统一社会信用代码"), max_length=18)
    score = forms.TypedChoiceField(
        label=_("评价"), choices=Score.choices, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("意见和建议"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].widget.attrs = {"class": "form-check-input"}


# -- catalogue actions ---------------------------------------------------------------------


class MaterialCutForm(StyledForm):
    material = forms.ModelChoiceField(queryset=ItemMaterial.objects.none(), label=_("材料"))
    method = forms.ChoiceField(label=_("精减方式"), choices=CutMethod.choices)
    basis = forms.CharField(label=_("依据"), max_length=300)
    on = forms.DateField(label=_("精减日期"), widget=DATE)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].queryset = item.materials.filter(cut=False)


class DisputeForm(StyledForm):
    raised_by = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("提出单位"))
    on = forms.DateField(label=_("提出日期"), widget=DATE)
    question = forms.CharField(label=_("异议内容"), max_length=1000)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_by"].queryset = orgs


class DisputeDecideForm(StyledForm):
    outcome = forms.ChoiceField(label=_("处理结果"), choices=DisputeOutcome.choices)
    decided_by = forms.CharField(label=_("决定机关"), max_length=100)
    decision = forms.CharField(label=_("处理意见"), max_length=1000)
    on = forms.DateField(label=_("决定日期"), widget=DATE)


class DelegateForm(StyledForm):
    to_org = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("承接单位"))
    new_days = forms.DecimalField(label=_("下放后时限（工作日）"), min_value=0, decimal_places=2)
    basis = forms.CharField(label=_("依据"), max_length=300)
    on = forms.DateField(label=_("下放日期"), widget=DATE)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].queryset = orgs


class TransferForm(StyledForm):
    to_org = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("划入机关"))
    from_org = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("原实施部门"))
    basis = forms.CharField(label=_("依据"), max_length=300)
    on = forms.DateField(label=_("划转日期"), widget=DATE)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].queryset = orgs
        self.fields["from_org"].queryset = orgs


class ProofForm(StyledForm):
    name = forms.CharField(label=_("证明名称"), max_length=200)
    issuer = forms.CharField(label=_("开具单位"), max_length=120)
    demanded_by = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("索要部门"))
    used_for = forms.CharField(label=_("用途（办理事项）"), max_length=200)
    status = forms.ChoiceField(label=_("清理结果"), choices=ProofStatus.choices)
    basis = forms.CharField(label=_("依据"), max_length=300)
    on = forms.DateField(label=_("决定日期"), widget=DATE)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demanded_by"].queryset = orgs


class MergeForm(StyledForm):
    into = forms.ModelChoiceField(queryset=Window.objects.none(), label=_("并入窗口"))
    on = forms.DateField(label=_("撤并日期"), widget=DATE)

    def __init__(self, *args, windows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = windows
