"""The public side of the 12345 hotline: a citizen submits a request on the portal (channel
网站), with the offline captcha and the per-address rate limit; the answer page gives the
order number and the check code to quote when calling. Nothing the caller typed is shown
back, and no order is readable here."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.ledger import SystemActor
from fazhi.ui.forms import StyledForm
from fazhi.ui.ratelimit import hit

from . import captcha, queries
from .models import Category, Channel, OrderKind
from .services import orders

PORTAL = SystemActor("12345网站")


class SubmitForm(StyledForm):
    kind = forms.ChoiceField(label=gettext_lazy("诉求类型"), choices=OrderKind.choices)
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(), label=gettext_lazy("诉求分类")
    )
    caller_name = forms.CharField(label=gettext_lazy("姓名"), max_length=60, required=False)
    caller_phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=20)
    address = forms.CharField(label=gettext_lazy("地址"), max_length=200, required=False)
    text = forms.CharField(
        label=gettext_lazy("诉求内容"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000
    )
    answer = forms.CharField(label=gettext_lazy("验证问题"), max_length=4)
    token = forms.CharField(widget=forms.HiddenInput)


def submit(request):
    office = queries.public_office()
    form = SubmitForm(request.POST or None)
    if request.method == "POST":
        if hit(request, "public_form", method="POST"):
            return render(request, "portal/busy.html", status=429)
        if form.is_valid():
            d = form.cleaned_data
            problem = captcha.check(d["token"], d["answer"])
            if problem:
                form.add_error("answer", problem)
            elif office is None:
                form.add_error(None, _("热线办尚未开通网上受理。"))
            else:
                try:
                    o = orders.order_create(
                        actor=PORTAL,
                        office=office,
                        kind=d["kind"],
                        category=d["category"],
                        caller_phone=d["caller_phone"],
                        caller_name=d["caller_name"],
                        address=d["address"],
                        text=d["text"],
                        channel=Channel.WEB,
                    )
                except (ValidationError, PermissionDenied) as exc:
                    messages = getattr(exc, "message_dict", None)
                    for key, msgs in (messages or {None: [str(exc)]}).items():
                        form.add_error(key if key in form.fields else None, msgs)
                else:
                    request.session["hotline_submitted"] = [o.number, o.check_code]
                    return redirect("hotline_public:done")
    question, token = captcha.new()
    data = form.data.copy() if form.is_bound else None
    if data is not None:
        data["token"], data["answer"] = token, ""
        form.data = data
    else:
        form.initial["token"] = token
    return render(request, "hotline/portal/submit.html", {"form": form, "question": question})


def done(request):
    number, code = request.session.pop("hotline_submitted", ["", ""])
    if not number:
        return redirect("hotline_public:submit")
    return render(request, "hotline/portal/done.html", {"number": number, "code": code})


app_name = "hotline_public"
urlpatterns = [
    path("", submit, name="submit"),
    path("done/", done, name="done"),
]
