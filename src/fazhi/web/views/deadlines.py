"""期限计算 in the workspace (the same calculator as the portal, the CLI and the API), the
rule pages, and the administrators' stricter local rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import clock, rules, scoping

from ..deadline_form import handle


@login_required
def calculator(request):
    form, result = handle(request.GET if "code" in request.GET else None)
    url = reverse("web:deadline_rule", args=[result.answer.rule.code]) if result else ""
    return render(
        request, "web/deadlines/calculator.html", {"form": form, "result": result, "rule_url": url}
    )


def _rule(code: str):
    try:
        return rules.resolve(code)
    except LookupError:
        raise Http404 from None


@login_required
def rule_detail(request, code: str):
    rule = _rule(code)
    return render(
        request,
        "web/deadlines/rule.html",
        {
            "rule": rule,
            "versions": rule.versions.order_by("valid_from"),
            "can_tighten": scoping.is_admin(request.user),
            "today": clock.today(),
        },
    )


@login_required
@require_POST
def rule_tighten(request, code: str, version_id: int):
    """A stricter local rule from a given day (never looser than the statute), with its
    basis: a new version of the rule, the tightened one closed the day before."""
    if not scoping.is_admin(request.user):
        raise Http404
    rule = _rule(code)
    version = rule.versions.filter(pk=version_id).first()
    if version is None:
        raise Http404

    def num(name):
        v = request.POST.get(name, "").strip()
        return int(v) if v.lstrip("-").isdigit() else None

    try:
        valid_from = parse_date(request.POST.get("valid_from", "").strip())
    except ValueError:
        valid_from = None
    try:
        rules.tighten(
            actor=request.user,
            version=version,
            valid_from=valid_from,
            length=num("length"),
            extension_max=num("extension_max"),
            local_basis=request.POST.get("local_basis", ""),
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已按本地规定收紧。"))
    return redirect("web:deadline_rule", code=rule.code)
