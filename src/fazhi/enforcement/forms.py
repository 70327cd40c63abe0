"""Staff forms of the enforcement pages: parsing only — the services validate and decide."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock, clocks, scoping
from fazhi.core import queries as core_queries
from fazhi.core.models import Clock, TimeRule
from fazhi.ui.forms import StyledForm

from . import grid_categories, queries
from .models import (
    DIMENSIONS,
    ArrangementKind,
    CampaignKind,
    Case,
    CertificateStatus,
    DiscretionBand,
    EnforcementBody,
    EnforcementField,
    EnforcementItem,
    EvidenceKind,
    GridCategory,
    GridCategoryKind,
    GridCell,
    GridLevel,
    InspectionResult,
    ItemKind,
    Officer,
    Outcome,
    PartyKind,
    Procedure,
    ReporterKind,
    ReviewOpinion,
    SamplingResult,
    Source,
)
from .services import campaigns as campaign_reads
from .services import grid as grid_services

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


# --- uploads -----------------------------------------------------------------


class UploadForm(StyledForm):
    file = forms.FileField(label=gettext_lazy("Excel 文件（.xlsx）"))


# --- campaigns, operations, inspections, sampling ----------------------------


class CampaignForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=CampaignKind.choices)
    field = forms.ModelChoiceField(queryset=None, label=gettext_lazy("执法领域"))
    lead = forms.ModelChoiceField(queryset=None, label=gettext_lazy("牵头单位"))
    bodies = forms.ModelMultipleChoiceField(
        queryset=None,
        label=gettext_lazy("参与单位"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    starts_on = forms.DateField(label=gettext_lazy("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=gettext_lazy("结束日期"), widget=DATE)
    description = forms.CharField(
        label=gettext_lazy("内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = EnforcementField.objects.all()
        self.fields["lead"].queryset = queries.bodies(user)
        self.fields["bodies"].queryset = EnforcementBody.objects.select_related("org")
        if editing:  # the lead owns the record and does not change; shown, not chosen
            self.fields["lead"].queryset = EnforcementBody.objects.select_related("org")
            self.fields["lead"].disabled = True


class OperationForm(StyledForm):
    on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    person_times = forms.IntegerField(label=gettext_lazy("出动人次"), min_value=1)
    joint = forms.BooleanField(label=gettext_lazy("联合执法"), required=False)
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200, required=False)


class _RecordForm(StyledForm):
    body = forms.ModelChoiceField(queryset=None, label=gettext_lazy("执法主体"))
    campaign = forms.ModelChoiceField(queryset=None, label=gettext_lazy("专项行动"), required=False)
    case_number = forms.CharField(
        label=gettext_lazy("由此立案的案件编号"), max_length=80, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["body"].queryset = queries.bodies(user)
        self.fields["campaign"].queryset = campaign_reads.campaigns(user)

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return None
        case = scoping.scope(self.user, Case).filter(number=number).first()
        if case is None:
            raise forms.ValidationError(
                _("案件“%(n)s”不存在或不在您的数据范围内。") % {"n": number}
            )
        return case


class InspectionForm(_RecordForm):
    unit_name = forms.CharField(label=gettext_lazy("被检查单位"), max_length=200)
    unit_credit_code = forms.CharField(
        label=gettext_lazy("统一社会信用代码"), max_length=30, required=False
    )
    inspected_on = forms.DateField(label=gettext_lazy("检查日期"), widget=DATE)
    result = forms.ChoiceField(label=gettext_lazy("检查结果"), choices=InspectionResult.choices)
    findings = forms.CharField(
        label=gettext_lazy("发现的问题"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    field_order = [
        "body",
        "unit_name",
        "unit_credit_code",
        "inspected_on",
        "result",
        "findings",
        "campaign",
        "case_number",
    ]


class SamplingForm(_RecordForm):
    product = forms.CharField(label=gettext_lazy("样品"), max_length=100)
    unit_name = forms.CharField(label=gettext_lazy("被抽样单位"), max_length=200)
    sampled_on = forms.DateField(label=gettext_lazy("抽样日期"), widget=DATE)
    result = forms.ChoiceField(label=gettext_lazy("检验结论"), choices=SamplingResult.choices)
    field_order = [
        "body",
        "product",
        "unit_name",
        "sampled_on",
        "result",
        "campaign",
        "case_number",
    ]


# --- the power list and bodies -----------------------------------------------


class ItemForm(StyledForm):
    body = forms.ModelChoiceField(queryset=None, label=gettext_lazy("执法主体"))
    code = forms.CharField(label=gettext_lazy("事项编码"), max_length=40)
    name = forms.CharField(label=gettext_lazy("事项名称"), max_length=300)
    field = forms.ModelChoiceField(queryset=None, label=gettext_lazy("执法领域"))
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=ItemKind.choices)
    legal_basis = forms.CharField(
        label=gettext_lazy("设定依据"), widget=forms.Textarea(attrs={"rows": 3})
    )
    penalty_basis = forms.CharField(
        label=gettext_lazy("处罚依据"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [b.pk for b in queries.editable_bodies(user)]
        self.fields["body"].queryset = EnforcementBody.objects.filter(pk__in=ids).select_related(
            "org"
        )
        self.fields["field"].queryset = EnforcementField.objects.all()
        if item is not None:  # the code names the item; it is shown, not changed
            self.fields["code"].disabled = True
            self.fields["body"].disabled = True


class BandForm(StyledForm):
    code = forms.CharField(label=gettext_lazy("档次"), max_length=20)
    facts = forms.CharField(label=gettext_lazy("违法情节"), max_length=300)
    fine_min = forms.DecimalField(label=gettext_lazy("罚款下限（元）"), min_value=0)
    fine_max = forms.DecimalField(label=gettext_lazy("罚款上限（元）"), min_value=0)
    other_measures = forms.CharField(label=gettext_lazy("其他处理"), max_length=200, required=False)


class BodyForm(StyledForm):
    legal_basis = forms.CharField(
        label=gettext_lazy("主体资格依据"), max_length=300, required=False
    )
    doc_prefix = forms.CharField(
        label=gettext_lazy("处罚决定书机关代字"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("如“芙执罚决”，决定书文号为 芙执罚决〔2019〕1号"),
    )
    public_phone = forms.CharField(label=gettext_lazy("对外电话"), max_length=30, required=False)
    public_address = forms.CharField(label=gettext_lazy("办公地址"), max_length=200, required=False)
    fields = forms.ModelMultipleChoiceField(
        queryset=EnforcementField.objects.all(),
        label=gettext_lazy("执法领域"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )


class MajorRuleForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("规则名称"), max_length=100)
    body = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("适用的执法主体"),
        required=False,
        help_text=gettext_lazy("留空表示全区所有执法主体（仅系统管理员可设）"),
    )
    fine_at_least = forms.DecimalField(
        label=gettext_lazy("罚款达到（元）"), required=False, min_value=0
    )
    licence_revocation = forms.BooleanField(label=gettext_lazy("吊销许可证照"), required=False)
    closure = forms.BooleanField(label=gettext_lazy("责令停产停业、关闭"), required=False)
    after_hearing = forms.BooleanField(label=gettext_lazy("经过听证"), required=False)
    complex_case = forms.BooleanField(
        label=gettext_lazy("案情复杂、涉及多个法律关系"), required=False
    )
    is_active = forms.BooleanField(label=gettext_lazy("有效"), required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [b.pk for b in queries.editable_bodies(user)]
        self.fields["body"].queryset = EnforcementBody.objects.filter(pk__in=ids).select_related(
            "org"
        )


# --- case-file evaluation ----------------------------------------------------


class RoundForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    year = forms.IntegerField(label=gettext_lazy("年度（抽取该年结案的案件）"))
    org = forms.ModelChoiceField(queryset=None, label=gettext_lazy("组织单位"))
    sample_per_body = forms.IntegerField(
        label=gettext_lazy("每个主体抽取案卷数"), min_value=1, max_value=100, initial=5
    )
    seed = forms.IntegerField(
        label=gettext_lazy("随机抽取种子"),
        required=False,
        min_value=0,
        help_text=gettext_lazy("留空则由系统随机产生并记录，任何人可凭种子复核抽取结果。"),
    )
    started_on = forms.DateField(
        label=gettext_lazy("开始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = core_queries.orgs(user)
        self.fields["year"].initial = clock.today().year - 1


class DeductionForm(StyledForm):
    dimension = forms.ChoiceField(
        label=gettext_lazy("评查项目"),
        choices=[("", "—")] + [(c, label) for c, label in DIMENSIONS],
        required=False,
        widget=forms.Select(attrs={"aria-label": gettext_lazy("评查项目")}),
    )
    points = forms.DecimalField(
        label=gettext_lazy("扣分"),
        required=False,
        min_value=0,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"aria-label": gettext_lazy("扣分"), "step": "0.5"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("扣分理由"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"aria-label": gettext_lazy("扣分理由")}),
    )


# --- 数字城管 reports ------------------------------------------------------------


class ReportForm(StyledForm):
    cell = forms.ModelChoiceField(queryset=None, label=gettext_lazy("所在网格"), required=False)
    category = forms.ModelChoiceField(queryset=None, label=gettext_lazy("问题类别"), required=False)
    location = forms.CharField(label=gettext_lazy("问题位置"), max_length=200, required=False)
    description = forms.CharField(
        label=gettext_lazy("问题描述"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    reporter_kind = forms.ChoiceField(
        label=gettext_lazy("上报人类型"), choices=ReporterKind.choices
    )
    reporter_name = forms.CharField(label=gettext_lazy("上报人"), max_length=50, required=False)
    reporter_phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=30, required=False)
    received_on = forms.DateField(
        label=gettext_lazy("上报日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("留空为今天。"),
    )
    longitude = forms.DecimalField(label=gettext_lazy("经度"), required=False, decimal_places=6)
    latitude = forms.DecimalField(label=gettext_lazy("纬度"), required=False, decimal_places=6)
    photo = forms.FileField(label=gettext_lazy("现场照片（JPG/PNG）"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = grid_services.fileable_cells(user)
        self.fields["category"].queryset = GridCategory.objects.all()


# --- grid cells and categories -----------------------------------------------


class CellForm(StyledForm):
    code = forms.CharField(label=gettext_lazy("网格编码"), max_length=30)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    level = forms.ChoiceField(label=gettext_lazy("层级"), choices=GridLevel.choices)
    parent = forms.ModelChoiceField(queryset=None, label=gettext_lazy("上级网格"), required=False)
    org = forms.ModelChoiceField(queryset=None, label=gettext_lazy("责任单位"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = GridCell.objects.exclude(level=GridLevel.COMMUNITY)
        self.fields["org"].queryset = core_queries.orgs(user).filter(is_active=True)


class CategoryForm(StyledForm):
    code = forms.CharField(label=gettext_lazy("类别编码"), max_length=20)
    kind = forms.ChoiceField(label=gettext_lazy("部件或事件"), choices=GridCategoryKind.choices)
    major = forms.CharField(label=gettext_lazy("大类"), max_length=40)
    name = forms.CharField(label=gettext_lazy("小类"), max_length=60)
    rule_code = forms.ChoiceField(
        label=gettext_lazy("处置时限规则"),
        initial=grid_categories.DEFAULT_RULE,
        help_text=gettext_lazy(
            "派遣后的处置时限按此规则计算。CG-1 至 CG-4 均为本地配置（⚠），"
            "其天数在期限规则库中查看。"
        ),
    )
    confirmed = forms.BooleanField(label=gettext_lazy("已与国家标准核对"), required=False)

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        codes = list(grid_categories.HANDLING_RULES)
        if current and current not in codes:
            codes.append(current)  # a rule chosen before the CG rules existed (e.g. RX-1)
        names = dict(TimeRule.objects.filter(code__in=codes).values_list("code", "name"))
        self.fields["rule_code"].choices = [(c, f"{c} {names.get(c, '')}".strip()) for c in codes]


# --- officers and certificates -----------------------------------------------


class OfficerForm(StyledForm):
    body = forms.ModelChoiceField(queryset=None, label=gettext_lazy("执法主体"))
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class CertificateForm(StyledForm):
    number = forms.CharField(label=gettext_lazy("执法证编号"), max_length=40)
    fields = forms.ModelMultipleChoiceField(
        queryset=None,
        label=gettext_lazy("执法领域"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    issuer = forms.CharField(label=gettext_lazy("发证机关"), max_length=100)
    valid_from = forms.DateField(label=gettext_lazy("有效期起"), widget=DATE)
    valid_to = forms.DateField(label=gettext_lazy("有效期至"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].queryset = EnforcementField.objects.all()


class CertificateStatusForm(StyledForm):
    to = forms.ChoiceField(label=gettext_lazy("变更为"), choices=CertificateStatus.choices)
    # optional here: the service refuses an empty reason with its own message
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OfficerActiveForm(StyledForm):
    active = forms.BooleanField(required=False)
    reason = forms.CharField(label=gettext_lazy("理由"), max_length=500, required=False)


# --- annual statistics -------------------------------------------------------


class PublishForm(StyledForm):
    summary = forms.CharField(
        label=gettext_lazy("总体情况说明（公开）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=gettext_lazy("写明本年度执法工作的总体情况；不得包含个人信息。"),
    )
