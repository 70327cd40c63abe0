"""The forms of the legality staff and public pages. They only parse what was typed; every
rule (dates, periods, roles, numbers) is the services' to check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.ui.forms import StyledForm

from .models import AdviserKind, CleanupKind, CleanupOutcome, Disposition, Issuer

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, required=True):
    return forms.DateField(label=label, required=required, widget=DATE)


class DocumentForm(StyledForm):
    """立项起草: a draft to be issued in an issuer's name, with its first text."""

    org = forms.ModelChoiceField(queryset=None, label=_("起草单位"))
    issuer = forms.ModelChoiceField(queryset=Issuer.objects.none(), label=_("制定机关"))
    title = forms.CharField(label=_("文件标题"), max_length=300)
    received_on = date_field(_("立项日期"))
    drafters = forms.CharField(label=_("起草人员"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    needs_consultation = forms.BooleanField(label=_("须公开征求意见"), required=False)
    consultation_waiver = forms.CharField(
        label=_("不公开征求意见的理由"), max_length=300, required=False
    )
    text = forms.CharField(
        label=_("草案文本（起草稿）"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label_from_instance = lambda o: o.label
        self.fields["issuer"].queryset = Issuer.objects.select_related("org").order_by("org__name")
        self.fields["issuer"].label_from_instance = lambda i: i.org.label
        self.initial.setdefault("needs_consultation", True)


class DateForm(StyledForm):
    on = date_field(_("日期"))


class VersionForm(StyledForm):
    on = date_field(_("稿本日期"))
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    text = forms.CharField(label=_("文本"), widget=forms.Textarea(attrs={"rows": 6}))


class ConsultForm(StyledForm):
    opens_on = date_field(_("开始日期"))
    closes_on = date_field(_("截止日期"))
    explanation = forms.CharField(
        label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    shortened_reason = forms.CharField(label=_("缩短期限的理由"), max_length=300, required=False)


class DeliberateForm(StyledForm):
    on = date_field(_("审议日期"))
    meeting = forms.CharField(label=_("审议会议"), max_length=100)
    note = forms.CharField(label=_("审议意见"), required=False)
    passed = forms.BooleanField(label=_("审议通过"), required=False, initial=True)


class PublishForm(StyledForm):
    on = date_field(_("发布日期"))
    effective_on = date_field(_("施行日期（空白为发布之日起30日）"), required=False)
    immediate_reason = forms.CharField(label=_("立即施行的理由"), max_length=300, required=False)
    valid_until = date_field(_("有效期至"), required=False)


class FilingForm(StyledForm):
    filing = forms.ChoiceField(label=_("备案机关"))
    on = date_field(_("报备日期"))
    receipt = forms.CharField(label=_("回执号"), max_length=60, required=False)
    late_reason = forms.CharField(label=_("逾期原因"), max_length=300, required=False)

    def __init__(self, *args, filings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filing"].choices = [(f.pk, f.body.label) for f in filings]


class AmendForm(StyledForm):
    on = date_field(_("修改日期"))
    ref = forms.CharField(label=_("修改决定文号"), max_length=80, required=False)
    note = forms.CharField(label=_("修改说明"), max_length=200, required=False)
    text = forms.CharField(label=_("修改后全文"), widget=forms.Textarea(attrs={"rows": 8}))


ENDINGS = [
    ("repealed", _("废止")),
    ("invalid", _("宣布失效")),
    ("expired", _("有效期届满失效")),
]


class EndForm(StyledForm):
    to = forms.ChoiceField(label=_("事项"), choices=ENDINGS)
    on = date_field(_("废止或失效日期"))
    ref = forms.CharField(label=_("相关文号"), max_length=80, required=False)
    reason = forms.CharField(label=_("理由"), max_length=300)


class ModerateForm(StyledForm):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    publish = forms.ChoiceField(
        label=_("审核结果"), choices=[("1", _("公开（已脱敏）")), ("0", _("不予公开"))]
    )
    note = forms.CharField(label=_("审核说明"), max_length=200, required=False)


class DisposeForm(StyledForm):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    disposition = forms.ChoiceField(label=_("采纳情况"), choices=Disposition.choices)
    on = date_field(_("处理日期"))
    reason = forms.CharField(label=_("理由"), required=False)


class SummaryForm(StyledForm):
    on = date_field(_("公布日期"))
    summary = forms.CharField(label=_("意见采纳情况说明"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(StyledForm):
    """The public's comment on one article of a draft."""

    article = forms.ChoiceField(label=_("针对条目"), required=False)
    text = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label=_("署名（可不填）"), max_length=50, required=False)
    contact = forms.CharField(label=_("联系方式（不公开）"), max_length=100, required=False)

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", _("总体意见"))] + [
            (a.pk, a.heading) for a in articles
        ]


class AdviserForm(StyledForm):
    """登记法律顾问."""

    org = forms.ModelChoiceField(queryset=None, label=_("登记单位"))
    kind = forms.ChoiceField(label=_("类别"), choices=AdviserKind.choices)
    name = forms.CharField(label=_("姓名或名称"), max_length=100)
    licence_no = forms.CharField(label=_("执业证号"), max_length=20)
    firm = forms.CharField(label=_("所在律师事务所或单位"), max_length=100, required=False)
    firm_credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label_from_instance = lambda o: o.label


class EngageForm(StyledForm):
    org = forms.ModelChoiceField(queryset=None, label=_("服务单位"))
    starts_on = date_field(_("聘期自"))
    ends_on = date_field(_("聘期至"))
    procurement_ref = forms.CharField(label=_("政府采购编号"), max_length=60, required=False)
    fee = forms.DecimalField(label=_("服务费（元）"), max_digits=12, decimal_places=2, min_value=0)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label_from_instance = lambda o: o.label


class TerminateForm(StyledForm):
    engagement = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(_("解聘日期"))
    reason = forms.CharField(label=_("解聘理由"), max_length=200)


class CleanupForm(StyledForm):
    """启动清理: the scope is a query over the documents in force on the start day."""

    org = forms.ModelChoiceField(queryset=None, label=_("组织单位"))
    title = forms.CharField(label=_("清理名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=CleanupKind.choices)
    started_on = date_field(_("开始日期"))
    topics = forms.CharField(label=_("清理主题（以顿号分隔）"), max_length=200, required=False)
    keyword = forms.CharField(label=_("标题或正文关键词"), max_length=50, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label_from_instance = lambda o: o.label


class OutcomeForm(StyledForm):
    item = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("清理结果"), choices=CleanupOutcome.choices)
    on = date_field(_("确定日期"))
    reasons = forms.CharField(label=_("理由"), max_length=500, required=False)


class FinishForm(StyledForm):
    on = date_field(_("完成日期"))
    report = forms.CharField(label=_("清理情况报告"), widget=forms.Textarea(attrs={"rows": 4}))


class DecisionForm(StyledForm):
    """决策启动: a decision of the year's catalogue (or not), prepared by a department and
    decided by a body whose office and reviewing body the issuer's setting names."""

    org = forms.ModelChoiceField(queryset=None, label=_("承办单位"))
    issuer = forms.ModelChoiceField(queryset=Issuer.objects.none(), label=_("决策机关"))
    item = forms.ModelChoiceField(queryset=None, label=_("目录事项"), required=False)
    title = forms.CharField(label=_("决策事项名称"), max_length=300)
    received_on = date_field(_("启动日期"))
    description = forms.CharField(
        label=_("决策草案说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    needs_expert = forms.BooleanField(label=_("须专家论证"), required=False)
    needs_risk = forms.BooleanField(label=_("须风险评估"), required=False)

    def __init__(self, *args, orgs, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label_from_instance = lambda o: o.label
        self.fields["issuer"].queryset = Issuer.objects.select_related("org").order_by("org__name")
        self.fields["issuer"].label_from_instance = lambda i: i.org.label
        self.fields["item"].queryset = items


class StepForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("决策程序"),
        choices=[
            ("participation", _("公众参与")),
            ("expert", _("专家论证")),
            ("risk", _("风险评估")),
            ("party", _("报同级党委")),
        ],
    )
    on = date_field(_("完成日期"))
    by = forms.CharField(label=_("承担单位或人员"), max_length=200)
    summary = forms.CharField(label=_("结论"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviewSendForm(StyledForm):
    on = date_field(_("送审日期"))
    text = forms.CharField(
        label=_("决策草案（空白为草案说明）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MeetingForm(StyledForm):
    on = date_field(_("会议日期"))
    meeting = forms.CharField(label=_("会议"), max_length=100)
    attendees = forms.CharField(label=_("出席人员"), max_length=300)
    justice_head_present = forms.BooleanField(label=_("司法行政机关负责人列席"), required=False)
    outcome = forms.CharField(label=_("会议结论"), widget=forms.Textarea(attrs={"rows": 2}))
    dissent = forms.CharField(label=_("不同意见"), required=False)


class SendBackForm(StyledForm):
    on = date_field(_("日期"))
    reason = forms.CharField(label=_("理由"), max_length=300)
    reject = forms.BooleanField(label=_("不予通过（否则退回补充）"), required=False)


class DecisionPublishForm(StyledForm):
    on = date_field(_("公布日期"))
    explanation = forms.CharField(
        label=_("决策说明（含公众意见、专家意见的采纳情况）"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvaluateForm(StyledForm):
    on = date_field(_("评估日期"))
    by = forms.CharField(label=_("评估单位"), max_length=200)
    summary = forms.CharField(label=_("评估结论"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviewRequestForm(StyledForm):
    """送请合法性审查 of a document to be issued in the government's name or a contract;
    a contract names its counterparty (with the credit code), amount and term."""

    kind = forms.ChoiceField(
        label=_("送审类别"), choices=[("document", _("以政府名义发文")), ("contract", _("合同"))]
    )
    org = forms.ModelChoiceField(queryset=None, label=_("送审单位"))
    review_org = forms.ModelChoiceField(queryset=None, label=_("审查机构"))
    title = forms.CharField(label=_("送审事项名称"), max_length=300)
    received_on = date_field(_("送审日期"))
    text = forms.CharField(label=_("送审文本"), widget=forms.Textarea(attrs={"rows": 6}))
    description = forms.CharField(label=_("起草说明"), required=False)
    counterparty = forms.CharField(label=_("合同相对方"), max_length=200, required=False)
    counterparty_credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, required=False
    )
    amount = forms.DecimalField(
        label=_("合同金额（元）"), max_digits=14, decimal_places=2, required=False
    )
    term_start = date_field(_("合同期限自"), required=False)
    term_end = date_field(_("合同期限至"), required=False)

    def __init__(self, *args, orgs, review_orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label_from_instance = lambda o: o.label
        self.fields["review_org"].queryset = review_orgs
        self.fields["review_org"].label_from_instance = lambda o: o.label


# -- filing review of lower bodies' documents (备案审查) -------------------------------------


class FiledReceiveForm(StyledForm):
    """接收报备: a department's or street's own normative document, its text typed or its
    DOCX/PDF uploaded."""

    review_org = forms.ModelChoiceField(queryset=None, label=_("审查机构"))
    org = forms.ModelChoiceField(queryset=None, label=_("制定机关"))
    title = forms.CharField(label=_("文件标题"), max_length=300)
    doc_number = forms.CharField(label=_("文号"), max_length=80)
    published_on = date_field(_("公布日期"))
    received_on = date_field(_("报备日期"))
    text = forms.CharField(
        label=_("正文"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    upload = forms.FileField(label=_("文件（DOCX 或 PDF）"), required=False)

    def __init__(self, *args, review_orgs, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_org"].queryset = review_orgs
        self.fields["org"].queryset = orgs
        for name in ("review_org", "org"):
            self.fields[name].label_from_instance = lambda o: o.label


class FiledProblemForm(StyledForm):
    description = forms.CharField(label=_("问题"), widget=forms.Textarea(attrs={"rows": 2}))
    requirement = forms.CharField(label=_("纠正要求"), max_length=500)
    due_on = date_field(_("纠正期限"))


class FiledReviewForm(StyledForm):
    on = date_field(_("审查日期"))
    opinion = forms.CharField(label=_("审查意见"), max_length=1000, required=False)


class FiledCorrectionForm(StyledForm):
    problem = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(_("纠正日期"))
    correction = forms.CharField(label=_("纠正情况"), max_length=1000)
