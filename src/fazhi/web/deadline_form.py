"""The deadline calculator's form and its handling, shared by the staff and public pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.calendar import get_calendar
from fazhi.core.deadlines import Answer, DeadlineInputError, calculate, catalogue
from fazhi.core.workcal import CalendarError
from fazhi.ui.forms import StyledForm

DOMAIN_LABELS = {
    "govservices": _("政务服务（行政许可）"),
    "enforcement": _("行政执法（处罚、强制、公示）"),
    "oversight": _("监督（政府信息公开、建议提案、热线）"),
    "disputes": _("矛盾化解（复议、诉讼、信访、调解）"),
    "legality": _("合法性审查与规范性文件"),
    "governance": _("依法治区"),
    "reports": _("年度报告"),
    "core": _("其他"),
}


def rule_choices() -> list:
    groups: dict[str, list] = {}
    for rule, version in catalogue():
        if version is None or version.unit == "NONE":
            continue
        flag = " ⚠" if version.unconfirmed else ""
        groups.setdefault(rule.domain, []).append((rule.code, f"{rule.name}（{rule.code}）{flag}"))
    return [("", _("请选择事项类型"))] + [
        (str(DOMAIN_LABELS.get(d, d)), items) for d, items in sorted(groups.items())
    ]


class DeadlineForm(StyledForm):
    code = forms.ChoiceField(label=_("事项类型"))
    start = forms.DateField(
        label=_("起算事件发生日"), widget=forms.DateInput(attrs={"type": "date"})
    )
    pauses = forms.CharField(
        label=_("不计入期限的期间（每行一段，如 2019-10-08..2019-10-10）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    extend = forms.IntegerField(label=_("经批准延长"), required=False, min_value=1)
    restart = forms.DateField(
        label=_("重新起算日（如收到补正材料）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = rule_choices()


@dataclass
class Result:
    answer: Answer
    days_left: int | None
    workdays_left: int | None


def handle(data) -> tuple[DeadlineForm, Result | None]:
    form = DeadlineForm(data or None)
    if not data or not form.is_valid():
        return form, None
    d = form.cleaned_data
    try:
        ans = calculate(
            d["code"],
            d["start"],
            pauses=[p for p in d["pauses"].splitlines() if p.strip()],
            extend=d["extend"],
            restart=d["restart"],
        )
    except DeadlineInputError as exc:
        form.add_error(None, str(exc))
        return form, None
    today = clock.today()
    days = (ans.due - today).days
    try:
        wd: int | None = get_calendar().workdays_between(today, ans.due)
    except CalendarError:
        wd = None
    return form, Result(ans, days, wd)


def today() -> dt.date:
    return clock.today()
