"""Public pages of 政务公开: the disclosure guide, tracking a request by its number and check
code (rate-limited; nothing about the applicant is shown), and the published annual reports
— only through ``queries.public_*``."""

from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from fazhi.core import rules as core_rules
from fazhi.ui.ratelimit import limit

from . import queries, rules


def home(request):
    return render(request, "opengov/portal/home.html", {"reports": queries.public_reports()[:20]})


def guide(request):
    """办理程序: the periods as the regulation in force today sets them."""
    from fazhi.core import clock

    today = clock.today()
    steps = []
    for code in (rules.CORRECTION, rules.REPLY, rules.THIRD_PARTY, rules.CO_AGENCY):
        try:
            steps.append(core_rules.version_on(core_rules.resolve(code), today))
        except LookupError:
            continue
    return render(request, "opengov/portal/guide.html", {"steps": steps})


@limit("lookup")
def track(request):
    number = request.GET.get("number", "").strip()
    code = request.GET.get("code", "").strip()
    req = queries.public_request(number, code) if number else None
    return render(
        request,
        "opengov/portal/track.html",
        {"number": number, "searched": bool(number), "r": req},
    )


def catalogue(request):
    from django.core.paginator import Paginator

    page = Paginator(queries.public_items(), 50).get_page(request.GET.get("page"))
    return render(request, "opengov/portal/catalogue.html", {"page": page})


@limit("public_form", method="POST")
def apply(request):
    """在线申请: online, the platform confirms receipt at once by giving the number and the
    check code, so the day of submission is the receipt date (条例第三十一条, GK-2)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from fazhi.core import clock
    from fazhi.core.ledger import SystemActor

    from . import services
    from .models import ApplicantKind, Channel

    bodies = queries.public_bodies()
    done, errors, p = None, [], request.POST
    if request.method == "POST":
        org = bodies.filter(pk=int(p.get("org", "0") or 0)).first()
        try:
            if org is None:
                raise ValidationError(_("请选择受理机关。"))
            done = services.request_receive(
                actor=SystemActor("公众在线申请"),
                org=org,
                channel=Channel.ONLINE,
                applicant_kind=p.get("applicant_kind", ""),
                applicant_name=p.get("applicant_name", ""),
                applicant_id_number=p.get("applicant_id_number", ""),
                applicant_credit_code=p.get("applicant_credit_code", ""),
                applicant_phone=p.get("applicant_phone", ""),
                applicant_address=p.get("applicant_address", ""),
                description=p.get("description", ""),
                received_on=clock.today(),
            )
        except (ValidationError, PermissionDenied) as exc:
            errors = list(getattr(exc, "messages", [str(exc)]))
    return render(
        request,
        "opengov/portal/apply.html",
        {"bodies": bodies, "kinds": ApplicantKind.choices, "done": done, "errors": errors, "p": p},
    )


def report(request, pk: int):
    rep = get_object_or_404(queries.public_reports(), pk=pk)
    return render(request, "opengov/portal/report.html", {"rep": rep, "t": rep.table})


app_name = "opengov_public"
urlpatterns = [
    path("", home, name="home"),
    path("guide/", guide, name="guide"),
    path("track/", track, name="track"),
    path("apply/", apply, name="apply"),
    path("catalogue/", catalogue, name="catalogue"),
    path("reports/<int:pk>/", report, name="report"),
]
