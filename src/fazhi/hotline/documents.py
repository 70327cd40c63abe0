"""The 会商 meeting's report to the district's executive meeting (区政府常务会) as DOCX in the
GB/T 9704 layout (``fazhi.ui.officialdoc``): the meeting (date, topic), its 问题工单 in a
table (number, category, lead body, 重办 and 退单 counts), the minutes, the decisions (the
supervision tasks it gave, with their due dates), signed by the hotline office."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fazhi.core import clocks, cnformat
from fazhi.core.models import SupervisionTask
from fazhi.ui import officialdoc as od

from .models import Consultation


def report_title() -> str:
    return "关于12345市民热线会商情况的报告"


def decisions(meeting: Consultation):
    """The supervision tasks the meeting gave (source 'hotline', its reference the meeting);
    read by the meeting's own reference — the caller has read the meeting through
    ``queries.meeting``."""
    return SupervisionTask.objects.filter(
        source="hotline", source_ref=f"会商{meeting.pk}"
    ).order_by("id")


def meeting_docx(meeting: Consultation) -> bytes:
    if not meeting.minutes.strip():
        raise ValueError(_("会商会议尚无纪要，不能生成报告。"))
    issuer = meeting.office.name
    orders = list(meeting.orders.select_related("category", "org").order_by("number"))
    tasks = list(decisions(meeting).select_related("org"))
    doc = od.new_document()
    od.masthead(doc, issuer, meeting.report_no)
    od.title(doc, report_title())
    od.blank(doc)
    od.paragraph(doc, "区人民政府常务会议：", indent=False)
    od.paragraph(
        doc,
        f"{cnformat.fmt_date(meeting.held_on)}，{issuer}召开“12345”市民热线会商会议，"
        f"研究{meeting.topic.rstrip('。')}。现将有关情况报告如下。",
    )
    od.heading(doc, "一、会商的问题工单")
    if orders:
        od.paragraph(
            doc,
            f"本次会商问题工单{len(orders)}件（重办三次或退单三次以上的工单）：",
        )
        od.table(
            doc,
            ["工单编号", "诉求分类", "承办单位", "重办次数", "退单次数"],
            [[o.number, str(o.category), o.org.name, o.rounds, o.returns] for o in orders],
            [34, 38, 48, 18, 18],
        )
    else:
        od.paragraph(doc, "本次会商未涉及问题工单，议题为热点诉求。")
    od.heading(doc, "二、会议纪要")
    for line in [x.strip() for x in meeting.minutes.splitlines() if x.strip()]:
        od.paragraph(doc, line)
    od.heading(doc, "三、督办事项")
    if tasks:
        for i, t in enumerate(tasks, 1):
            c = clocks.for_subject(t).order_by("id").first()
            due = f"，{cnformat.fmt_date(c.due_on)}前办结" if c and c.due_on else ""
            od.paragraph(doc, f"{i}. {t.org.name}：{t.title.rstrip('。')}{due}。")
    else:
        od.paragraph(doc, "会议未下达督办事项。")
    od.paragraph(doc, "特此报告。")
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(meeting.held_on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=meeting.held_on, title_text=report_title())
