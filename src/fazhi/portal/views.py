from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from fazhi.core import rules
from fazhi.ui.ratelimit import limit
from fazhi.web.deadline_form import handle

from .sections import sections


def home(request):
    """Public home page: the district's name and every public section, empty ones marked."""
    return render(request, "portal/home.html", {"sections": sections()})


@limit("lookup")
def deadlines(request):
    """办理期限计算, for the public: no login, rate-limited per address."""
    form, result = handle(request.GET if "code" in request.GET else None)
    url = reverse("portal:deadline_rule", args=[result.answer.rule.code]) if result else ""
    return render(
        request, "portal/deadlines.html", {"form": form, "result": result, "rule_url": url}
    )


def rule_detail(request, code: str):
    try:
        rule = rules.resolve(code)
    except LookupError:
        raise Http404 from None
    return render(
        request,
        "portal/rule.html",
        {"rule": rule, "versions": rule.versions.order_by("valid_from")},
    )
