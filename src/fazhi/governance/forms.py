"""The forms of the 依法治区 pages (parsing only; the services check and write)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.ui.forms import StyledForm

from .models import RuleKind


class PlanForm(StyledForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=200)
    number = forms.CharField(label=_("文号"), max_length=60, required=False)


class PointForm(StyledForm):
    seq = forms.IntegerField(label=_("序号"), min_value=1, max_value=999)
    category = forms.CharField(label=_("工作板块"), max_length=60, required=False)
    title = forms.CharField(label=_("任务名称"), max_length=300)
    text = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 3}))
    lead = forms.ModelChoiceField(label=_("牵头单位"), queryset=None)
    supporters = forms.ModelMultipleChoiceField(label=_("配合单位"), queryset=None, required=False)

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = bodies
        self.fields["supporters"].queryset = bodies


class IssueForm(StyledForm):
    on = forms.DateField(label=_("下发日期"))


class ProgressForm(StyledForm):
    org = forms.ModelChoiceField(label=_("报送单位"), queryset=None)
    on = forms.DateField(label=_("报送日期"))
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("佐证材料"), required=False)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class MoveForm(StyledForm):
    on = forms.DateField(label=_("日期"))
    result = forms.CharField(
        label=_("完成情况"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reason = forms.CharField(label=_("理由"), required=False)


class WorkRuleForm(StyledForm):
    kind = forms.ChoiceField(label=_("类别"), choices=RuleKind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    adopted_on = forms.DateField(label=_("审议通过日期"))
    text = forms.CharField(label=_("主要内容"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("文件"), required=False)


class DutyForm(StyledForm):
    org = forms.ModelChoiceField(label=_("单位"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    head = forms.CharField(label=_("主要负责人职务"), max_length=60)
    reported_on = forms.DateField(label=_("述法日期"))
    text = forms.CharField(label=_("履职情况"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("述法报告"), required=False)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
