"""期限计算 in the workspace (the same calculator as the portal, the CLI and the API)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from fazhi.core import rules

from ..deadline_form import handle


@login_required
def calculator(request):
    form, result = handle(request.GET if "code" in request.GET else None)
    url = reverse("web:deadline_rule", args=[result.answer.rule.code]) if result else ""
    return render(
        request, "web/deadlines/calculator.html", {"form": form, "result": result, "rule_url": url}
    )


@login_required
def rule_detail(request, code: str):
    try:
        rule = rules.resolve(code)
    except LookupError:
        raise Http404 from None
    return render(
        request,
        "web/deadlines/rule.html",
        {"rule": rule, "versions": rule.versions.order_by("valid_from")},
    )
