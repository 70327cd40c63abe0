"""The printable documents of the legality domain, as DOCX in the GB/T 9704-2012 layout
(``fazhi.ui.officialdoc``):

* :func:`opinion_docx` — the 合法性审查意见书 of one review round: the reviewing body's
  masthead and the request's register number, the text reviewed, the opinion (通过 / 修改后
  通过 / 不予通过) and its reasons, addressed to the department that sent it;
* :func:`normative_docx` — a published normative document as issued (三统一): its
  registration number in the 份号 place (top left of the first page), the issuer's masthead
  with the series number, the title, the text and the issuer's signature with the date of
  publication.

Both are written in Chinese whatever the reader's language, and deterministically (the same
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

from .models import NormativeDocument, Opinion, ReviewRound

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
