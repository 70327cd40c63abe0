"""The printable documents of the legality domain, as DOCX in the GB/T 9704-2012 layout
(``fazhi.ui.officialdoc``):

* :func:`opinion_docx` — the 合法性审查意见书 of one review round: the reviewing body's
  masthead and the request's register number, the text reviewed, the opinion (通过 / 修改后
  通过 / 不予通过) and its reasons, addressed to the department that sent it;
* :func:`normative_docx` — a published normative document as issued (三统一): its
  registration number in the 份号 place (top left of the first page), the issuer's masthead
  with the series number, the title, the text and the issuer's signature with the date of
  publication;
* :func:`cleanup_docx` — a cleanup's result (清理结果报告), numbered when the cleanup is
  finished: the organising body's masthead and number, addressed to the body above it, the
  scope and the count of each outcome, the report's text, the documents in a table with
  each outcome and its reasons, and the signature with the day it was finished.

All are written in Chinese whatever the reader's language, and deterministically (the same
record gives the same bytes). The opinion is an internal document of the government and is
not redacted; the published document is public already.
"""

from __future__ import annotations

import functools

from django.utils import translation
from django.utils.translation import gettext as _
from docx.shared import Mm

from fazhi.core import cnformat
from fazhi.ui import officialdoc as od

from .models import Cleanup, CleanupOutcome, NormativeDocument, Opinion, ReviewRound

DOCUMENT_LANGUAGE = "zh-hans"


def in_chinese(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with translation.override(DOCUMENT_LANGUAGE):
            return fn(*args, **kwargs)

    return wrapper


def _paragraphs(doc, text: str) -> None:
    for line in (text or "").splitlines():
        if line.strip():
            od.paragraph(doc, line.strip())


def opinion_title(rnd: ReviewRound) -> str:
    return _("关于《%(t)s》的合法性审查意见书") % {"t": rnd.request.title}


@in_chinese
def opinion_docx(rnd: ReviewRound) -> bytes:
    """The opinion on one round, once it is given (the caller checks ``decided_on``)."""
    req = rnd.request
    issuer = req.review_org.name
    title = opinion_title(rnd)
    doc = od.new_document()
    od.masthead(doc, issuer, req.number)
    od.title(doc, title)
    od.blank(doc)
    od.paragraph(doc, _("%(o)s：") % {"o": req.org.name}, indent=False)
    od.paragraph(
        doc,
        _("你单位于%(d)s送请审查的《%(t)s》（第%(n)s次送审）收悉。经审查，现提出如下意见：")
        % {"d": cnformat.fmt_date(rnd.submitted_on), "t": req.title, "n": rnd.n},
    )
    od.heading(doc, _("一、审查结论"))
    conclusion = {
        Opinion.PASS: _("通过。"),
        Opinion.CHANGES: _("按照本意见修改后通过。"),
        Opinion.FAIL: _("不予通过。请按照本意见修改后重新送审。"),
    }[rnd.opinion]
    od.paragraph(doc, conclusion)
    od.heading(doc, _("二、理由和修改意见"))
    if rnd.reasons.strip():
        _paragraphs(doc, rnd.reasons)
    else:
        od.paragraph(doc, _("无。"))
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(rnd.decided_on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=rnd.decided_on, title_text=title)


@in_chinese
def normative_docx(d: NormativeDocument, text: str | None = None) -> bytes:
    """The document as published (the caller checks that it has been); ``text`` replaces
    the body (the portal passes the redacted text its page shows)."""
    issuer = d.issuer.name
    doc = od.new_document()
    reg = od.paragraph(doc, _("登记号：%(r)s") % {"r": d.registration_number}, indent=False)
    od.set_font(reg.runs[0], od.HEITI, od.BODY)
    od.masthead(doc, issuer, d.doc_number)
    # the registration line takes the 版心's first line: the 发文机关标志 keeps its place
    doc.paragraphs[1].paragraph_format.space_before = Mm(35) - 2 * od.LINE
    od.title(doc, d.title)
    od.blank(doc)
    body = d.body_text if text is None else text
    lines = [x.strip() for x in body.splitlines() if x.strip()]
    if lines and lines[0] in d.title:
        lines = lines[1:]  # the draft's own heading line is the title above
    for line in lines:
        od.paragraph(doc, line)
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(d.published_on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=d.published_on, title_text=d.title)


def cleanup_title(c: Cleanup) -> str:
    return _("关于%(t)s结果的报告") % {"t": c.title}


@in_chinese
def cleanup_docx(c: Cleanup, items) -> bytes:
    """The result of a finished cleanup (the caller checks ``finished_on``); ``items`` are
    its documents in the report's order."""
    issuer = c.org.name
    title = cleanup_title(c)
    counts = {v: 0 for v in CleanupOutcome.values}
    for it in items:
        counts[it.outcome] = counts.get(it.outcome, 0) + 1
    doc = od.new_document()
    od.masthead(doc, issuer, c.number)
    od.title(doc, title)
    od.blank(doc)
    if c.org.parent_id:
        od.paragraph(doc, _("%(o)s：") % {"o": c.org.parent.name}, indent=False)
    scope = "、".join(c.topics) if c.topics else _("全部现行有效的规范性文件")
    od.paragraph(
        doc,
        _(
            "%(o)s于%(s)s至%(f)s组织开展%(t)s（%(k)s，清理范围：%(r)s），共清理规范性文件%(n)d件，"
            "其中继续有效%(keep)d件、修改%(amend)d件、废止%(repeal)d件、宣布失效%(invalid)d件。"
            "现将有关情况报告如下："
        )
        % {"o": issuer, "s": cnformat.fmt_date(c.started_on), "f": cnformat.fmt_date(c.finished_on),
           "t": c.title, "k": c.get_kind_display(), "r": scope, "n": len(items), **counts},
    )  # fmt: skip
    od.heading(doc, _("一、清理情况"))
    _paragraphs(doc, c.report)
    od.heading(doc, _("二、清理结果"))
    od.paragraph(doc, _("各件文件的清理结果如下表。"))
    rows = [
        [n, it.document.title, it.document.doc_number, it.get_outcome_display(), it.reasons or "—"]
        for n, it in enumerate(items, start=1)
    ]
    headers = [_("序号"), _("文件名称"), _("发文字号"), _("清理结果"), _("理由")]
    od.table(doc, headers, rows, [12, 58, 34, 18, 34])
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(c.finished_on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=c.finished_on, title_text=title)
