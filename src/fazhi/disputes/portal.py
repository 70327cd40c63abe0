"""Public pages of the disputes domain, only through ``queries.public_*``: the procedure guide
(periods read from the rule registry in the version in force today), the directory of
mediation committees, the online petition and mediation application forms, and tracking by
number and check code. Nothing personal is shown: a tracked matter shows its number, its
kind, its dates and its status — never a name, an identity number, a phone number or the facts.

The forms and the tracking are rate-limited per address (``fazhi.ui.ratelimit``: the groups
public_form and lookup of ``settings.RATE_LIMITS``, on the shared cache); the forms file
through the services as the online channel (a ``SystemActor``), so they are checked and recorded like any other.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock, clocks
from fazhi.core import rules as core_rules
from fazhi.core.ledger import SystemActor
from fazhi.ui.forms import StyledForm
from fazhi.ui.ratelimit import limit

from . import queries
from .models import Category, Committee
from .services import mediation, petitions

ONLINE = SystemActor("网上申请")
GUIDE = (
    (_("行政复议"), ("FY-1", "FY-2", "FY-9", "SS-4")),
    (_("行政应诉"), ("SS-2", "SS-6")),
    (_("人民调解"), ("TJ-1", "TJ-2")),
    (_("信访"), ("XF-2", "XF-5", "XF-6", "XF-7")),
)
#: what a tracked matter shows of its clocks (the agency's periods only)
TRACKED_CLOCKS = {"FY-9", "FY-10", "XF-5", "XF-6b", "XF-7b", "TJ-1"}


def _guide(day: dt.date):
    out = []
    for title, codes in GUIDE:
        steps = []
        for code in codes:
            try:
                rule = core_rules.resolve(code)
                steps.append((rule, core_rules.version_on(rule, day)))
            except LookupError:
                continue
        out.append((title, steps))
    return out


def home(request):
    today = clock.today()
    return render(
        request,
        "disputes/portal/home.html",
        {
            "sections": _guide(today),
            "today": today,
            "bodies": queries.public_bodies(),
            "offices": queries.public_offices(),
        },
    )


def committees(request):
    return render(
        request, "disputes/portal/committees.html", {"committees": queries.public_committees()}
    )


class PetitionForm(StyledForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    address = forms.CharField(label=_("通信地址"), max_length=300)
    street = forms.ModelChoiceField(
        queryset=queries.streets(), label=_("问题发生地（街道）"), required=False
    )
    content = forms.CharField(label=_("信访事项和请求"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].label_from_instance = lambda o: o.label


class MediationForm(StyledForm):
    name = forms.CharField(label=_("申请人姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    other = forms.CharField(label=_("对方当事人"), max_length=200)
    category = forms.ChoiceField(label=_("纠纷类型"), choices=Category.choices)
    street = forms.ModelChoiceField(queryset=queries.streets(), label=_("纠纷发生地（街道）"))
    facts = forms.CharField(label=_("纠纷简要情况"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].label_from_instance = lambda o: o.label


def _put_errors(form, exc: ValidationError, prefix: str) -> None:
    for key, msgs in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        field = key.removeprefix(prefix)
        form.add_error(field if field in form.fields else None, msgs)


@limit("public_form", method="POST")
def petition_form(request):
    form = PetitionForm(request.POST or None)
    office = queries.public_offices().first()
    if request.method == "POST" and form.is_valid() and office is not None:
        d = form.cleaned_data
        try:
            p = petitions.register(
                actor=ONLINE,
                office=office,
                channel="online",
                category="claim",
                source="direct",
                persons=[{k: d[k] for k in ("name", "id_number", "phone", "address")}],
                content=d["content"],
                received_on=clock.today(),
                street=d["street"],
            )
        except ValidationError as exc:
            _put_errors(form, exc, "person0_")
        else:
            return render(request, "disputes/portal/filed.html", {"number": p.number,
                          "code": p.check_code, "kind": "petition"})  # fmt: skip
    return render(request, "disputes/portal/form.html", {"form": form, "title": _("网上信访")})


@limit("public_form", method="POST")
def mediation_form(request):
    form = MediationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        committee = (
            Committee.objects.filter(org=d["street"], kind="people", is_active=True).first()
            or queries.public_committees().filter(level="district").first()
        )
        try:
            dispute = mediation.receive(
                actor=ONLINE,
                committee=committee,
                category=d["category"],
                source="walk_in",
                facts=d["facts"],
                parties=[
                    dict(side="applicant", name=d["name"], id_number=d["id_number"],
                         phone=d["phone"]),
                    dict(side="respondent", name=d["other"]),
                ],
                received_on=clock.today(),
                street=d["street"],
            )  # fmt: skip
        except ValidationError as exc:
            _put_errors(form, exc, "party0_")
        else:
            return render(request, "disputes/portal/filed.html", {"number": dispute.number,
                          "code": dispute.check_code, "kind": "dispute"})  # fmt: skip
    return render(request, "disputes/portal/form.html", {"form": form, "title": _("申请人民调解")})


class TrackForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("事项类别"),
        choices=[
            ("petition", _("信访事项")),
            ("dispute", _("人民调解")),
            ("reconsideration", _("行政复议")),
        ],
    )
    number = forms.CharField(label=_("编号"), max_length=80)
    code = forms.CharField(label=_("查询码"), max_length=8)


@limit("lookup", method="GET")
def track(request):
    form = TrackForm(request.GET if "number" in request.GET else None)
    matter, missing, rows, kind_label = None, False, [], ""
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        matter = queries.public_track(d["kind"], d["number"], d["code"])
        missing = matter is None
        kind_label = dict(form.fields["kind"].choices)[d["kind"]]
        if matter is not None:
            rows = [
                (c.label, c.due_on, clocks.card(c))
                for c in clocks.for_subject(matter)
                if c.rule.code in TRACKED_CLOCKS
            ]
    return render(
        request,
        "disputes/portal/track.html",
        {
            "form": form,
            "matter": matter,
            "missing": missing,
            "clocks": rows,
            "kind_label": kind_label,
        },
    )


app_name = "disputes_public"
urlpatterns = [
    path("", home, name="home"),
    path("committees/", committees, name="committees"),
    path("petition/", petition_form, name="petition"),
    path("mediation/", mediation_form, name="mediation"),
    path("track/", track, name="track"),
]
