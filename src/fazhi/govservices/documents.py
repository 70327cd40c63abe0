"""An application's written notices as DOCX in the GB/T 9704-2012 layout: the receipt (with
the check code), the notice to supplement (the missing materials, exactly as recorded), the
acceptance and rejection notices, the notice of the time a review step needs, the extension
notice, and the decisions (准予 / 不予行政许可决定书, the commitment's 准予许可通知书).

Each prints what the notice recorded when it was issued (``AppNotice.content``) under its
number; documents served on the applicant are not redacted and always in Chinese. The page
serving them reads the application through the scoped query (404 outside the scope).
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fazhi.core import cnformat, scoping
from fazhi.ui import officialdoc as od

from . import queries
from .models import Application, AppNotice, NoticeKind

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _applicant(doc, app: Application) -> None:
    od.paragraph(doc, _("申请人：%(n)s") % {"n": app.applicant_name})
    if app.applicant_credit_code:
        od.paragraph(doc, _("统一社会信用代码：%(c)s") % {"c": app.applicant_credit_code})
    if app.applicant_id_number:
        od.paragraph(doc, _("身份证号码：%(c)s") % {"c": app.applicant_id_number})
    if app.agent_name:
        od.paragraph(doc, _("委托代理人：%(n)s") % {"n": app.agent_name})


def _body(doc, app: Application, n: AppNotice) -> None:
    c = n.content
    item = app.item.name
    received = cnformat.fmt_date(app.received_on)
    if n.kind == NoticeKind.RECEIPT:
        when = timezone.localtime(app.received_at).strftime("%H:%M")
        od.paragraph(
            doc,
            _(
                "本机关于%(d)s %(t)s收到你（单位）申请“%(i)s”的材料，办件编号%(no)s，查询码%(code)s。"
            )
            % {"d": received, "t": when, "i": item, "no": app.number, "code": app.check_code},
        )
        od.paragraph(doc, _("收到的材料："))
        names = [
            m.material.name
            for m in app.materials.select_related("material")
            if m.material_id in c.get("materials", [])
        ]
        for i, name in enumerate(names or [_("（无）")], 1):
            od.paragraph(doc, f"{i}. {name}")
        od.paragraph(doc, _("凭办件编号和查询码可在政务服务网站查询办理进度。"))
    elif n.kind == NoticeKind.SUPPLEMENT:
        od.paragraph(
            doc,
            _(
                "你（单位）于%(d)s申请“%(i)s”，经审查，申请材料不齐全（不符合法定形式）。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项，现一次告知需要补正的全部内容："
            )
            % {"d": received, "i": item},
        )
        for i, name in enumerate(c.get("missing", []), 1):
            od.paragraph(doc, f"{i}. {name}")
        od.paragraph(doc, _("请补正后一并提交。"))
    elif n.kind == NoticeKind.ACCEPTANCE:
        od.paragraph(
            doc,
            _(
                "你（单位）申请“%(i)s”的材料齐全、符合法定形式，本机关决定予以受理，受理日期为%(a)s。"
            )
            % {"i": item, "a": cnformat.fmt_date(app.accepted_on)},
        )
        if c.get("deemed"):
            od.paragraph(
                doc,
                _(
                    "本机关未在法定期限内告知补正，依照《中华人民共和国行政许可法》第三十二条第一款第（四）项，自收到申请材料之日起即为受理。"
                ),
            )
    elif n.kind == NoticeKind.REJECTION:
        od.paragraph(
            doc,
            _("你（单位）申请“%(i)s”，本机关决定不予受理。理由：%(r)s")
            % {"i": item, "r": c.get("reason", "")},
        )
    elif n.kind == NoticeKind.TIME_NEEDED:
        od.paragraph(
            doc,
            _(
                "你（单位）申请的“%(i)s”需要进行%(s)s，所需时间约%(n)s日，依照《中华人民共和国行政许可法》第四十五条，该时间不计算在审查期限内。"
            )
            % {"i": item, "s": c.get("step", ""), "n": c.get("days", "")},
        )
    elif n.kind == NoticeKind.EXTENSION:
        od.paragraph(
            doc,
            _(
                "你（单位）申请的“%(i)s”因%(r)s，二十日内不能作出决定，经本机关负责人批准，审查期限延长%(n)s个工作日。"
            )
            % {"i": item, "r": c.get("reason", ""), "n": c.get("by", "")},
        )
    elif n.kind in (NoticeKind.GRANT, NoticeKind.COMMITMENT):
        if n.kind == NoticeKind.COMMITMENT:
            od.paragraph(
                doc,
                _("你（单位）已就“%(i)s”签署告知承诺书，本机关依据你（单位）的承诺，决定准予许可。")
                % {"i": item},
            )
            od.paragraph(doc, _("承诺内容：%(t)s") % {"t": app.entry.commitment_text})
            od.paragraph(
                doc,
                _(
                    "本机关将在规定期限内对承诺内容进行核查；承诺不实的，依法撤销许可并记入信用记录。"
                ),
            )
        else:
            od.paragraph(
                doc,
                _("你（单位）申请的“%(i)s”，经审查，符合法定条件、标准，本机关决定准予行政许可。")
                % {"i": item},
            )
    elif n.kind == NoticeKind.REFUSAL:
        od.paragraph(
            doc, _("你（单位）申请的“%(i)s”，经审查，本机关决定不予行政许可。") % {"i": item}
        )
        od.paragraph(doc, _("理由：%(r)s") % {"r": c.get("reasons", "")})
        od.paragraph(doc, c.get("remedies", ""))


def notice_bytes(n: AppNotice) -> bytes:
    """The notice as DOCX bytes (the same record gives the same bytes)."""
    with translation.override("zh-hans"):
        app = n.application
        title = str(NoticeKind(n.kind).label)
        doc = od.new_document()
        od.masthead(doc, app.org.name, n.number)
        od.title(doc, title)
        od.blank(doc)
        _applicant(doc, app)
        _body(doc, app, n)
        od.blank(doc, 2)
        od.signature(doc, app.org.name, cnformat.fmt_date(n.issued_on))
        od.page_numbers(doc)
        return od.to_bytes(doc, when=n.issued_on, title_text=title)


@login_required
@require_GET
def notice_docx(request, pk: int, notice: int):
    app = scoping.get_for(request.user, queries.applications(request.user), pk)
    n = get_object_or_404(AppNotice, application=app, pk=notice)
    resp = HttpResponse(notice_bytes(n), content_type=DOCX)
    name = f"{n.number}-{NoticeKind(n.kind).label}.docx"
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    resp["Cache-Control"] = "private, no-store"
    return resp
