"""The legality registers on the kernel's data-exchange path (``fazhi.core.dataexchange``).

- ``legal-advisers`` (法律顾问名册), imported and exported: one row per adviser, checked
  (the kind, the keeping body within the importer's scope) and written through
  ``advisers.adviser_save`` — its role check, licence and credit-code checks and ledger event
  — in its own savepoint. An adviser already registered with the same licence number is
  *unchanged* when the row equals it as the export writes it, else an error; so an exported
  register imports back unchanged, and a file imported once adds nothing the second time.
- ``normative-documents`` (规范性文件目录), imported and exported: the published documents
  with their numbers, dates and status. A row is a document issued before the platform,
  written through ``existing.document_record`` (the registering office's role, the dates, a
  number used once); a document already registered under the same 发文字号 is *unchanged*
  when the row equals it as the export writes it, else an error (a document's later life is
  its services', not a spreadsheet's).

``fazhi import/export``, ``POST /api/v1/imports/{register}`` and the workspace import
pages read these declarations; ``register()`` is called from ``LegalityConfig.ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import date_or_none, text
from fazhi.core.models import Organisation

from .models import (
    Adviser,
    AdviserKind,
    DocStatus,
    DocumentEvent,
    Issuer,
    NormativeDocument,
    SearchEntry,
)
from .services import advisers, existing

YES, NO = "是", "否"
YES_NO = ((YES, YES), (NO, NO))

ADVISER_COLUMNS = (
    Column("执业证号", "licence_no", True, gettext_lazy("17位数字，名册中不重复"), Kind.CODE,
           "14301201910123456"),
    Column("姓名或名称", "name", True, gettext_lazy("律师姓名或律师事务所名称"), Kind.TEXT, "周明远"),
    Column("类别", "kind", True, gettext_lazy("法律顾问的类别"), Kind.CHOICE, "外聘律师",
           choices=AdviserKind),
    Column("所在律师事务所或单位", "firm", False, gettext_lazy("律师所在的律师事务所或单位"),
           Kind.TEXT, "湖南星城律师事务所"),
    Column("统一社会信用代码", "firm_credit_code", False, gettext_lazy("律师事务所的填写"),
           Kind.CODE, "31430000MD0123456X"),
    Column("联系电话", "phone", False, gettext_lazy("办公电话"), Kind.CODE, "0731-84412345"),
    Column("登记单位", "org", True, gettext_lazy("机构名称或简称"), Kind.NAME, "区司法局"),
    Column("在册", "is_active", True, gettext_lazy("是否仍在名册中"), Kind.CHOICE, YES,
           choices=YES_NO),
)  # fmt: skip


def _choice(choices, value: str) -> str:
    for code, label in choices:
        if value in (code, str(label)):
            return code
    raise ValueError(
        _("“%(t)s”不是可选值（%(c)s）。")
        % {"t": value, "c": " / ".join(str(lbl) for _v, lbl in choices)}
    )


class LegalityResolver(Resolver):
    def body(self, name: str) -> Organisation:
        """A body by its name or short name, within the importer's scope."""

        def find():
            found = self.scoped(Organisation).filter(Q(name=name) | Q(short_name=name)).first()
            if found is None:
                raise ValueError(_("“%(t)s”不存在或不在您的数据范围内。") % {"t": name})
            return found

        return self.cached("body", name, find)


def _build(r: LegalityResolver, v: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    t = {k: text(x) for k, x in v.items()}
    kw: dict[str, Any] = {k: t[k] for k in ("licence_no", "name", "firm", "phone")}
    kw["firm_credit_code"] = t["firm_credit_code"].upper()
    for key, fn in (
        ("kind", lambda x: _choice(AdviserKind.choices, x)),
        ("org", r.body),
        ("is_active", lambda x: _choice(YES_NO, x) == YES),
    ):
        try:
            kw[key] = fn(t[key])
        except ValueError as exc:
            errors[key] = str(exc)
            kw[key] = None
    return kw


def _find(r: Resolver, kw: dict[str, Any]) -> Adviser | None:
    return Adviser.objects.select_related("org").filter(licence_no=kw["licence_no"]).first()


def _adviser_row(a: Adviser) -> list[str]:
    return [
        a.licence_no,
        a.name,
        a.get_kind_display(),
        a.firm,
        a.firm_credit_code,
        a.phone,
        a.org.short_name or a.org.name,
        YES if a.is_active else NO,
    ]


def _advisers(*, actor, org=None, year=None):
    return (
        LegalityResolver(actor, org)
        .scoped(Adviser)
        .select_related("org")
        .distinct()
        .order_by("licence_no")
    )


ADVISERS = Register(
    name="legal-advisers",
    title=gettext_lazy("法律顾问名册"),
    model=Adviser,
    columns=ADVISER_COLUMNS,
    build=_build,
    save=advisers.adviser_save,
    key=("licence_no",),
    find=_find,
    row_of=_adviser_row,
    resolver=LegalityResolver,
    models=(Adviser,),
    records=_advisers,
)

DOCUMENT_COLUMNS = (
    Column("发文字号", "doc_number", True, gettext_lazy("三统一的文号"), Kind.CODE, "芙政发〔2019〕3号"),
    Column("登记号", "registration_number", True, gettext_lazy("三统一的登记号"), Kind.CODE,
           "HNFR-2019-003"),
    Column("文件名称", "title", True, gettext_lazy("文件标题"), Kind.TEXT,
           "长沙市芙蓉区关于促进民营经济高质量发展的若干措施"),
    Column("制定机关", "issuer", True, gettext_lazy("机构名称"), Kind.NAME, "长沙市芙蓉区人民政府"),
    Column("起草单位", "org", True, gettext_lazy("机构名称"), Kind.NAME, "区发展和改革局"),
    Column("发布日期", "published_on", True, gettext_lazy("统一发布的日期"), Kind.DATE, "2019-05-06"),
    Column("施行日期", "effective_on", False, gettext_lazy("施行的日期"), Kind.DATE, "2019-06-05"),
    Column("有效期至", "valid_until", False, gettext_lazy("有效期的最后一天"), Kind.DATE,
           "2024-06-04"),
    Column("状态", "status", True, gettext_lazy("现行有效或已废止、已失效"), Kind.CHOICE, "已发布",
           choices=DocStatus),
    Column("废止或失效日期", "ended_on", False, gettext_lazy("已废止或失效的填写"), Kind.DATE, ""),
)  # fmt: skip


DATES = ("published_on", "effective_on", "valid_until", "ended_on")


def _day(d) -> str:
    return d.isoformat() if d else ""


def _document_row(d: NormativeDocument) -> list[str]:
    return [
        d.doc_number,
        d.registration_number,
        d.title,
        d.issuer.name,
        d.org.short_name or d.org.name,
        _day(d.published_on),
        _day(d.effective_on),
        _day(d.valid_until),
        d.get_status_display(),
        _day(d.ended_on),
    ]


def _documents(*, actor, org=None, year=None):
    qs = LegalityResolver(actor, org).scoped(NormativeDocument).exclude(doc_number="")
    if year:
        qs = qs.filter(published_on__year=year)
    return qs.select_related("issuer", "org").order_by("published_on", "id")


def _issuer(r: Resolver, name: str) -> Organisation:
    """The body in whose name the documents are issued: one with an issuer setting (三统一);
    the service checks that the importer registers its documents."""

    def find():
        found = Issuer.objects.select_related("org").filter(
            Q(org__name=name) | Q(org__short_name=name)
        )
        if not found:
            raise ValueError(_("“%(t)s”未设置为制定机关（三统一）。") % {"t": name})
        return found[0].org

    return r.cached("issuer", name, find)


def _drafter(r: Resolver, issuer: Organisation | None, name: str) -> Organisation | None:
    """The drafting department: a body of the issuer's (the issuer itself or below it);
    not looked up when the issuer is unknown (that column has the error)."""
    if issuer is None:
        return None

    def find():
        qs = Organisation.objects.filter(Q(name=name) | Q(short_name=name))
        found = qs.filter(path__startswith=issuer.path).first()
        if found is None:
            raise ValueError(_("“%(t)s”不是制定机关所属的单位。") % {"t": name})
        return found

    return r.cached("drafter", (issuer.pk, name), find)


def _build_document(r: LegalityResolver, v: dict[str, Any], errors: dict[str, str]):
    kw: dict[str, Any] = {k: text(v[k]) for k in ("doc_number", "registration_number", "title")}
    for key, fn in (
        *((k, lambda k=k: date_or_none(v[k])) for k in DATES),
        ("status", lambda: _choice(DocStatus.choices, text(v["status"]))),
        ("issuer", lambda: _issuer(r, text(v["issuer"]))),
        ("org", lambda: _drafter(r, kw["issuer"], text(v["org"]))),
    ):
        try:
            kw[key] = fn()
        except ValueError as exc:
            errors[key] = str(exc)
            kw[key] = None
    return kw


def _find_document(r: Resolver, kw: dict[str, Any]) -> NormativeDocument | None:
    return (
        NormativeDocument.objects.select_related("issuer", "org")
        .filter(doc_number=kw["doc_number"])
        .first()
    )


DOCUMENTS = Register(
    name="normative-documents",
    title=gettext_lazy("规范性文件目录"),
    model=NormativeDocument,
    columns=DOCUMENT_COLUMNS,
    build=_build_document,
    save=existing.document_record,
    key=("doc_number",),
    find=_find_document,
    row_of=_document_row,
    resolver=LegalityResolver,
    models=(NormativeDocument, DocumentEvent, SearchEntry),
    records=_documents,
    year_note=gettext_lazy("发布日期所在年度"),
)


def register() -> None:
    registry.register(ADVISERS)
    registry.register(DOCUMENTS)
