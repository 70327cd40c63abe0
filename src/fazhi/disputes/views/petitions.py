"""Staff pages of 信访: petitions (registration, assignment, acceptance, 诉访分离, reply, 复查
and 复核), inspection teams' batches and their items, backlog cases."""

from __future__ import annotations

from urllib.parse import quote

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fazhi.core import scoping
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import crossref, exports, forms, imports, queries
from ..models import ItemStatus, PetitionStatus
from ..services import inspection
from ..services import petitions as svc
from .common import Op, act, move, new_page, page, role, version
from .listing import list_page
from .reconsideration import _status

S = PetitionStatus
DESK = (Role.CLERK, Role.LEADER)


def _date(obj, data):
    return forms.DateForm(data)


def _office_staff(user, obj, moves):
    return scoping.has_role(user, *DESK, org=obj.org)


OPS = [
    Op("assign", _("交办"), lambda o, d: forms.AssignForm(d, orgs=queries.district_orgs()),
       lambda u, o, d, v: svc.assign(actor=u, petition=o, handler_org=d["handler_org"], on=d["on"]),
       _status(S.REGISTERED)(_office_staff)),
    Op("accept", _("受理并书面告知"), _date,
       lambda u, o, d, v: svc.accept(actor=u, petition=o, on=d["on"], version=version(v)),
       move(S.ACCEPTED)),
    Op("transfer", _("转送有权处理的机关"), lambda o, d: forms.TransferForm(d),
       lambda u, o, d, v: svc.transfer(actor=u, petition=o, on=d["on"], to=d["to"],
                                       version=version(v)), move(S.TRANSFERRED)),
    Op("divert", _("诉访分离，告知法定途径"), lambda o, d: forms.DivertForm(d),
       lambda u, o, d, v: svc.divert(actor=u, petition=o, on=d["on"], route=d["route"],
                                     reason=d["reason"], act_known_on=d["act_known_on"],
                                     version=version(v)), move(S.DIVERTED)),
    Op("object", _("提出异议（不属于本单位职权范围）"), lambda o, d: forms.ReasonForm(d),
       lambda u, o, d, v: svc.object_to_assignment(actor=u, petition=o, on=d["on"],
                                                   reason=d["reason"]),
       lambda u, o, m: o.status == S.REGISTERED and o.handler_org_id is not None
       and scoping.has_role(u, *DESK, org=o.handler_org)),
    Op("extend", _("延长办理期限"), lambda o, d: forms.ExtendForm(d),
       lambda u, o, d, v: svc.extend(actor=u, petition=o, on=d["on"], days=d["days"],
                                     approver=d["approver"], reason=d["reason"]),
       role(*DESK, statuses=(S.ACCEPTED,))),
    Op("reply", _("出具处理意见书"), lambda o, d: forms.ReplyForm(d),
       lambda u, o, d, v: svc.reply(actor=u, petition=o, on=d["on"], outcome=d["outcome"],
                                    served_on=d["served_on"], version=version(v)),
       lambda u, o, m: S.REPLIED in m),
    Op("request", _("登记复查、复核请求"), _date,
       lambda u, o, d, v: svc.request_review(actor=u, petition=o, on=d["on"], version=version(v)),
       move(S.REVIEWING)),
    Op("close", _("办结"), lambda o, d: forms.CloseForm(d),
       lambda u, o, d, v: svc.close(actor=u, petition=o, on=d["on"], satisfied=d["satisfied"],
                                    version=version(v)),
       _status(S.REPLIED)(role(*DESK)), to=S.CLOSED),
]  # fmt: skip


@login_required
def petition_list(request):
    g = request.GET
    qs = queries.petitions(request.user)
    status, q, year = g.get("status", ""), g.get("q", "").strip(), g.get("year", "").strip()
    if status in S.values:
        qs = qs.filter(status=status)
    if year.isdigit():
        qs = qs.filter(received_on__year=int(year))
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(title__icontains=q))
    if g.get("export") == "xlsx":
        reg = exports.PETITIONS
        return export_response(reg, qs.order_by("-id")[: exports.EXPORT_LIMIT], str(reg.title))
    return list_page(
        request,
        "disputes/petitions/list.html",
        keyset(qs, request, key="id"),
        statuses=S.choices,
        status=status,
        q=q,
        year=year,
        can_new=queries.offices(request.user).exists(),
    )


@login_required
def petition_new(request):
    office = queries.offices(request.user).first()
    form = forms.PetitionForm(request.POST or None, streets=queries.streets())
    if office is None:  # only an office registers; the page says so instead of failing
        messages.warning(request, _("只有信访工作机构的工作人员可以登记信访事项。"))

    def create(d):
        person = {k: d[k] for k in ("name", "id_number", "phone", "address")}
        return svc.register(
            actor=request.user,
            office=office,
            channel=d["channel"],
            category=d["category"],
            source=d["source"],
            persons=[person],
            content=d["content"],
            received_on=d["received_on"],
            street=d["street"],
            person_count=d["person_count"],
        )

    return new_page(
        request,
        form,
        create,
        _("登记信访事项"),
        "disputes:petitions",
        lambda p: reverse("disputes:petition", args=[p.pk]),
    )


def _petition(request, pk):
    return scoping.get_for(request.user, queries.petitions(request.user), pk)


@login_required
def petition_detail(request, pk: int):
    p = _petition(request, pk)
    return page(
        request,
        p,
        OPS,
        "disputes/petitions/detail.html",
        persons=p.persons.all(),
        repeat=crossref.repeat_people(request.user, p),
    )


@login_required
@require_POST
def petition_act(request, pk: int):
    p = _petition(request, pk)
    return act(request, p, OPS, reverse("disputes:petition", args=[pk]))


# -- batches and items ---------------------------------------------------------------------------

BATCH_OPS = [
    Op("close", _("批次办结"), _date,
       lambda u, o, d, v: inspection.batch_close(actor=u, batch=o, on=d["on"], version=version(v)),
       lambda u, o, m: o.status == "open" and scoping.has_role(u, Role.LEADER, Role.SUPERVISOR,
                                                                 obj=o)),
]  # fmt: skip
ITEM_OPS = [
    Op("report", _("报送办理结果"), lambda o, d: forms.ResultForm(d),
       lambda u, o, d, v: inspection.item_report(actor=u, item=o, on=d["on"], result=d["result"],
                                                 version=version(v)), move(ItemStatus.REPORTED)),
    Op("close", _("审核办结"), _date,
       lambda u, o, d, v: inspection.item_close(actor=u, item=o, on=d["on"], version=version(v)),
       move(ItemStatus.CLOSED)),
    Op("return", _("退回重办"), lambda o, d: forms.ReasonForm(d),
       lambda u, o, d, v: inspection.item_return(actor=u, item=o, on=d["on"], reason=d["reason"],
                                                 version=version(v)),
       lambda u, o, m: o.status == ItemStatus.REPORTED and ItemStatus.ASSIGNED in m),
]  # fmt: skip


@login_required
def batch_list(request):
    qs = queries.batches(request.user).annotate(
        n=Count("items"), open_n=Count("items", filter=~Q(items__status=ItemStatus.CLOSED))
    )
    return list_page(
        request,
        "disputes/petitions/batches.html",
        keyset(qs, request, key="id"),
        can_new=queries.offices(request.user).exists(),
    )


class BatchImportForm(forms.BatchForm):
    file = djforms.FileField(label=_("Excel 文件（.xlsx）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["items"]


@login_required
def batch_import(request):
    """登记交办批次 from the team's Excel list — all rows or nothing, failed rows listed."""
    office = queries.offices(request.user).first()
    form = BatchImportForm(request.POST or None, request.FILES or None, units=[])
    result = None
    if office is None:  # the page is open to see the template; only an office may import
        messages.warning(request, _("只有信访工作机构的工作人员可以登记交办件。"))
    elif request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        upload = d["file"]
        try:
            result = imports.import_batch(
                actor=request.user, org=office.org, team=d["team"], batch_no=d["batch_no"],
                received_on=d["received_on"], due_on=d["due_on"],
                letter_number=d["letter_number"], data=upload.read(), filename=upload.name,
            )  # fmt: skip
        except imports.ImportFileError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form.add_error(None, "；".join(exc.messages))
        else:
            if result.ok:
                messages.success(request, _("已导入 %(n)d 件。") % {"n": result.rows})
                return redirect("disputes:batch", pk=result.batch.pk)
    return render(
        request,
        "disputes/petitions/batch_import.html",
        {"form": form, "result": result, "active": "disputes"},
    )


@login_required
def batch_template(request):
    resp = HttpResponse(
        imports.template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(
        str(_("交办件导入模板")) + ".xlsx"
    )
    return resp


@login_required
def batch_new(request):
    office = queries.offices(request.user).first()
    form = forms.BatchForm(request.POST or None, units=queries.district_orgs())
    if office is None:  # only an office registers; the page says so instead of failing
        messages.warning(request, _("只有信访工作机构的工作人员可以登记交办件。"))
    return new_page(
        request,
        form,
        lambda d: inspection.batch_register(actor=request.user, org=office.org, **d),
        _("登记交办批次"),
        "disputes:batches",
        lambda b: reverse("disputes:batch", args=[b.pk]),
    )


def _batch(request, pk):
    """A batch the user's office owns or holds an item of (wider than the model's scope)."""
    b = queries.batches(request.user).filter(pk=pk).first()
    if b is None:
        raise Http404
    return b


@login_required
def batch_detail(request, pk: int):
    b = _batch(request, pk)
    mine = queries.items(request.user).filter(batch=b)
    if request.GET.get("export") == "xlsx":
        return export_response(exports.PETITION_ITEMS, mine.order_by("seq"), f"{b.title}")
    visible = set(mine.values_list("pk", flat=True))
    return page(
        request,
        b,
        BATCH_OPS,
        "disputes/petitions/batch.html",
        items=[(i, i.pk in visible) for i in b.items.select_related("unit").order_by("seq")],
    )


@login_required
@require_POST
def batch_act(request, pk: int):
    b = _batch(request, pk)
    return act(request, b, BATCH_OPS, reverse("disputes:batch", args=[pk]))


def _item(request, pk):
    return scoping.get_for(request.user, queries.items(request.user), pk)


@login_required
def item_detail(request, pk: int):
    it = _item(request, pk)
    return page(request, it, ITEM_OPS, "disputes/petitions/item.html")


@login_required
@require_POST
def item_act(request, pk: int):
    it = _item(request, pk)
    return act(request, it, ITEM_OPS, reverse("disputes:item", args=[pk]))


# -- backlog cases -------------------------------------------------------------------------------

BACKLOG_OPS = [
    Op("propose", _("申请销号"), lambda o, d: forms.MeasuresForm(d),
       lambda u, o, d, v: inspection.backlog_propose(actor=u, case=o, on=d["on"],
                                                     measures=d["measures"], version=version(v)),
       role(Role.LEADER, statuses=("listed",)), to="proposed"),
    Op("resolve", _("审核销号"), _date,
       lambda u, o, d, v: inspection.backlog_resolve(actor=u, case=o, on=d["on"],
                                                     version=version(v)), move("resolved")),
    Op("return", _("退回继续化解"), lambda o, d: forms.ReasonForm(d),
       lambda u, o, d, v: inspection.backlog_return(actor=u, case=o, on=d["on"],
                                                    reason=d["reason"], version=version(v)),
       lambda u, o, m: o.status == "proposed" and "listed" in m),
]  # fmt: skip


@login_required
def backlog_list(request):
    qs = queries.backlog(request.user).annotate(n=Count("persons"))
    return list_page(
        request,
        "disputes/petitions/backlog.html",
        keyset(qs, request, key="id"),
        can_new=scoping.has_role(request.user, Role.LEADER, Role.SUPERVISOR),
    )


@login_required
def backlog_new(request):
    form = forms.BacklogForm(
        request.POST or None, orgs=queries.my_orgs(request.user, Role.LEADER, Role.SUPERVISOR)
        if not scoping.has_role(request.user, Role.SUPERVISOR)
        else queries.district_orgs(),
    )  # fmt: skip
    return new_page(
        request,
        form,
        lambda d: inspection.backlog_register(actor=request.user, **d),
        _("列入信访积案"),
        "disputes:backlog",
        lambda c: reverse("disputes:backlog_case", args=[c.pk]),
    )


def _backlog(request, pk):
    return scoping.get_for(request.user, queries.backlog(request.user), pk)


@login_required
def backlog_detail(request, pk: int):
    c = _backlog(request, pk)
    return page(
        request, c, BACKLOG_OPS, "disputes/petitions/backlog_case.html", persons=c.persons.all()
    )


@login_required
@require_POST
def backlog_act(request, pk: int):
    c = _backlog(request, pk)
    return act(request, c, BACKLOG_OPS, reverse("disputes:backlog_case", args=[pk]))
